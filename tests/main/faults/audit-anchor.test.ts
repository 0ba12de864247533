import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addStaff, call, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const DB_FILES = ['case.db', 'case.db-wal', 'case.db-shm'];

/** Copies the database files as they are while closed (the last close checkpoints the log). */
function snapshot(dir: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of DB_FILES) if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(to, f));
}

/** Puts an older database back under the current keyring and anchor: the newest transactions are gone, as when a damaged write-ahead log is dropped. */
function dropNewest(dir: string, from: string): void {
  for (const f of DB_FILES) rmSync(join(dir, f), { force: true });
  for (const f of DB_FILES) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(dir, f));
}

describe('the audit chain notices a missing tail (issue 14, item 8)', () => {
  it('tells an administrator how many entries are missing and since when, at log-in and in verify', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await call(backend, 'auth.logout', {});
    const before = join(t.dir, '..', `${t.dir.split('/').pop()}-snap`);
    snapshot(t.dir, before);
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await addStaff(backend, 'moe', 'facilitator');
    await addStaff(backend, 'kim', 'manager');
    await call(backend, 'auth.logout', {});
    dropNewest(t.dir, before);
    rmSync(before, { recursive: true, force: true });

    // The older database is a sound chain on its own: only the anchor outside it can tell.
    const session = await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(session.auditWarning).toMatch(/^\d+ audit entries are missing from the database: the newest ones, written after \d\d\/\d\d\/\d{4} at \d\d:\d\d/);
    expect(session.auditWarning).toContain('Restore the newest backup');
    const verify = await call(backend, 'audit.verify', {});
    expect(verify.ok).toBe(false);
    expect(verify.firstBroken).toBeNull();
    expect(verify.anchor).toMatchObject({ state: 'entries-missing' });
    const missing = verify.anchor?.state === 'entries-missing' ? verify.anchor.missing : 0;
    // log-in, two staff additions (each with its entry) and the log-out at least
    expect(missing).toBeGreaterThanOrEqual(4);
    expect(session.auditWarning).toContain(`${missing} audit entries are missing`);
    // The gap is itself recorded in the chain, so it is still there once the anchor has moved on.
    const recorded = await call(backend, 'audit.list', { action: 'audit.entriesMissing' });
    expect(recorded.total).toBe(1);
    expect(recorded.entries[0]!.detail).toMatchObject({ missing });
    await backend.shutdown();
  });

  it('reports a lost or edited anchor file without keeping anyone out, and says nothing when all is well', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    expect(backend.session && backend.auditWarning).toBeNull();
    await addStaff(backend, 'moe', 'facilitator');
    expect((await call(backend, 'audit.verify', {})).anchor).toEqual({ state: 'ok' });
    await call(backend, 'auth.logout', {});
    expect((await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).auditWarning).toBeNull();
    await call(backend, 'auth.logout', {});

    rmSync(join(t.dir, 'audit-anchor.json'));
    const lost = await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(lost.auditWarning).toContain('anchor file (audit-anchor.json) was not found');
    expect((await call(backend, 'audit.list', { action: 'audit.anchorLost' })).total).toBe(1);
    // a new anchor was written; the next check is clean
    expect((await call(backend, 'audit.verify', {})).anchor).toEqual({ state: 'ok' });
    await call(backend, 'auth.logout', {});

    // An anchor written by hand (a made-up number, no valid seal) is not believed.
    writeFileSync(join(t.dir, 'audit-anchor.json'), JSON.stringify({ format: 1, databaseId: 'x', tail: { seq: 9999, hash: 'a', at: '2026-03-02T10:00:00.000Z' }, mac: 'AAAA' }));
    const edited = await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(edited.auditWarning).toContain('is damaged or was not written by this installation');
    await backend.shutdown();
  });
});
