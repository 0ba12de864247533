/**
 * The partner side's audit chain has its own anchor outside the database (issue 13; see
 * src/main/audit/partner-anchor.ts), encrypted under the partner key. When the newest entries of
 * her chain vanish together (an older partner.db put back: still a sound chain on its own), the
 * next holder's log-in and a manager's "verify" say so; the administrator's log-in says nothing of
 * her side; the anchor file shows no number or time of hers in the clear.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { PARTNER_ANCHOR_FILE } from '../../../src/main/audit/partner-anchor';
import { call, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';
import { testNowIso } from '../test-clock';

const PARTNER_FILES = ['partner.db', 'partner.db-wal', 'partner.db-shm'];

let w: World;
let dir: string;
let cleanup: () => void;
let partnerId: string;

async function logIn(role: 'partner_worker' | 'manager' | 'admin') {
  if (w.backend.session) await call(w.backend, 'auth.logout', {});
  return call(w.backend, 'auth.login', { username: w.accounts[role].username, password: w.accounts[role].password });
}

async function aContact(notes: string) {
  await call(w.backend, 'partners.logContact', { partnerId, at: testNowIso(), method: 'phone', outcome: 'spoke', notes, nextContactDue: addDays(today, 7) });
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dir = t.dir;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  const { id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Anchored', lastName: 'Tailman', aliases: [] }));
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Anchorette', lastName: 'Keelson', consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
  await aContact('First call');
}, 60_000);
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('the partner side’s audit chain has its own anchor', () => {
  it('says nothing when all is well, and keeps her numbers and times out of the file in the clear', async () => {
    const session = await logIn('partner_worker');
    expect(session.auditWarning).toBeNull();
    expect((await logIn('manager')).auditWarning).toBeNull();
    const verify = await call(w.backend, 'audit.verify', {});
    expect(verify.anchor).toEqual({ state: 'ok' });
    const text = readFileSync(join(dir, PARTNER_ANCHOR_FILE), 'utf8');
    expect(text).not.toMatch(/"seq"|"hash"|"at"|20\d\d-/);
  });

  it('reports her chain’s newest entries gone, at a holder’s log-in and in a manager’s verify, not to the administrator', async () => {
    await call(w.backend, 'auth.logout', {});
    const snap = join(dir, '..', `${dir.split('/').pop()}-partner-snap`);
    mkdirSync(snap, { recursive: true });
    for (const f of PARTNER_FILES) if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(snap, f));

    await logIn('partner_worker');
    await call(w.backend, 'partners.get', { partnerId });
    await aContact('Second call');
    await aContact('Third call');
    await call(w.backend, 'auth.logout', {});

    // An older partner.db put back under the same key: her newest entries vanish together.
    for (const f of PARTNER_FILES) rmSync(join(dir, f), { force: true });
    for (const f of PARTNER_FILES) if (existsSync(join(snap, f))) copyFileSync(join(snap, f), join(dir, f));
    rmSync(snap, { recursive: true, force: true });

    // The administrator's log-in checks the programme's chain only, and says nothing of hers.
    const admin = await logIn('admin');
    expect(admin.auditWarning ?? '').not.toContain('partner');

    const session = await logIn('partner_worker');
    expect(session.auditWarning).toMatch(/^In the partner side’s part of the audit log: \d+ audit entries are missing from the database/);
    const missing = Number(/(\d+) audit entries are missing/.exec(session.auditWarning ?? '')?.[1]);
    // her record read and two contacts at least
    expect(missing).toBeGreaterThanOrEqual(3);

    // The gap is recorded in her chain: a manager's verify still reports it after the anchor moved on.
    await logIn('manager');
    const verify = await call(w.backend, 'audit.verify', {});
    expect(verify.ok).toBe(false);
    expect(verify.anchor).toMatchObject({ state: 'entries-missing', missing });
    expect(verify.anchor && 'message' in verify.anchor ? verify.anchor.message : '').toContain('partner side');
    const recorded = await call(w.backend, 'audit.list', { action: 'audit.entriesMissing' });
    expect(recorded.entries.some((e) => e.chain === 'partner')).toBe(true);

    // The administrator's verify and list hold nothing of it.
    await logIn('admin');
    const adminVerify = await call(w.backend, 'audit.verify', {});
    expect(adminVerify.anchor).toEqual({ state: 'ok' });
    expect((await call(w.backend, 'audit.list', { action: 'audit.entriesMissing' })).total).toBe(0);
  });

  it('reports her anchor file deleted once it had been started', async () => {
    await call(w.backend, 'auth.logout', {});
    rmSync(join(dir, PARTNER_ANCHOR_FILE));
    const session = await logIn('partner_worker');
    expect(session.auditWarning).toContain(`its anchor file (${PARTNER_ANCHOR_FILE}) was not found`);
    // a new anchor was written: the next log-in is clean
    expect((await logIn('partner_worker')).auditWarning).toBeNull();
  });
});
