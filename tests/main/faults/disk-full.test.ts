/**
 * This computer's disk full. A real full disk cannot be made portably in a test, so each case brings it
 * about as close to the real thing as it can, and says how:
 * - saving: SQLite's own limit (`PRAGMA max_page_count`, standard SQL) makes the database file unable to
 *   grow, so SQLite itself fails the write with SQLITE_FULL "database or disk is full";
 * - changing a password: the keyring's temp file is a link to /dev/full, so the kernel itself answers
 *   the write with ENOSPC;
 * - a backup: sqlcipher_export's own error is simulated at the copy hook, exactly as SQLCipher words it
 *   (SQLITE_ERROR, "database or disk is full"), since the data folder's disk cannot be filled here.
 */
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPUTER_FULL, describeDriveError, makeBackup } from '../../../src/main/features/backups/backup';
import { ADMIN, addStaff, call, callError, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from '../backups/fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const DISK_FULL = "This computer's disk is full, so nothing was saved.";

describe("this computer's disk full (issue 14, item 4)", () => {
  it('saving: a plain message that nothing was saved, not the generic one', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const db = backend.requireDb();
    const pages = Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]!.page_count);
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(db);
    let error: { code: string; message: string } | null = null;
    for (let i = 0; i < 200 && !error; i++) {
      const result = await backend.invoke(
        'staff.create',
        { fullName: `Filler Number ${i}`, username: `filler${i}`, jobTitle: 'Facilitator', role: 'facilitator' },
        { verified: true },
      );
      if (!result.ok) error = result.error;
    }
    expect(error?.message).toContain(DISK_FULL);
    expect(error?.message).not.toContain('Something went wrong');
    await backend.shutdown();
  });

  it('changing a password: says the disk is full, keeps the old key file and leaves no temp file', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const keyringFile = join(t.dir, 'keyring.json');
    const before = readFileSync(keyringFile, 'utf8');
    const temp = `${keyringFile}.${process.pid}.tmp`;
    symlinkSync('/dev/full', temp);
    const error = await callError(backend, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'another long password' });
    expect(error.message).toContain(DISK_FULL);
    expect(existsSync(temp)).toBe(false);
    expect(readFileSync(keyringFile, 'utf8')).toBe(before);
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await backend.shutdown();
  });

  it('a backup: sqlcipher_export\'s "database or disk is full" is this computer\'s disk, not the drive', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(makeFolder(t.dir, 'data'));
    await addStaff(backend, 'worker', 'facilitator');
    await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(t.dir, 'stick');
    const error = await makeBackup(backend, folder, { progress: () => {} }, {
      hooks: {
        duringCopy: () => {
          throw Object.assign(new Error('SQLITE_ERROR: database or disk is full'), { code: 'SQLITE_ERROR', errno: 1 });
        },
      },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toBe(COMPUTER_FULL);
    expect(readdirSync(folder)).toEqual([]);
    await backend.shutdown();
  });

  it('temp files left by a program killed mid-write are removed at the next start', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await backend.shutdown();
    for (const name of ['keyring.json.99999.tmp', 'login-throttle.json.12345.tmp', 'backup-throttle.json.4.tmp']) {
      writeFileSync(join(t.dir, name), 'half');
    }
    const again = await newBackend(t.dir);
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await call(again, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await again.shutdown();
  });
});
