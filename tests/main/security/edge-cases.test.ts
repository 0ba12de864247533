/**
 * Edge cases the README promises (issue 20, item 5) that no test held before:
 * leaving one group while still on another raises no partner alert; a replaced
 * recovery key does not open older backups while the old one does; wrong recovery
 * keys on a backup are slowed down and audited; a copy failing its check is
 * refused; the key-stretching cost is really calibrated. Clocks are injected.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/backend';
import { openRaw } from '../../../src/main/db/driver';
import { checkCopy, sameCounts } from '../../../src/main/features/backups/copy';
import { WRONG_RECOVERY_KEY } from '../../../src/main/features/backups/restore';
import { formatRecoveryKey } from '../../../src/main/vault/recovery-key';
import { calibrateKdf, TEST_KDF } from '../../../src/main/vault/vault';
import type { RouteInput } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { ADMIN, ORG, call, callError, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from '../backups/fixtures';
import { referralInput, today, world, type World } from '../participants/fixtures';

describe('leaving one group while still on another', () => {
  let w: World;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    w = await world(t.dir);
  }, 60_000);
  afterAll(async () => {
    await w.backend.shutdown();
    cleanup();
  });

  it('tells the partner service nothing until he has left the last one', async () => {
    await w.loginAs('manager');
    const programmeId = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!.id;
    const { id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Twogroups', lastName: 'Man', aliases: [] }));
    const r = await call(w.backend, 'participants.get', { id: man });
    await call(w.backend, 'participants.setStatus', { id: man, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    const group = (name: string, weekday: number): RouteInput<'groups.create'> => ({ programmeTypeId: programmeId, name, venue: 'Hall', weekday, startTime: '18:30', startDate: addDays(today, -14), facilitatorIds: [w.accounts.facilitator.id], capacity: 10, intake: 'rolling', confirm: true });
    const groups = [];
    for (const [name, day] of [['Tuesdays', 2], ['Thursdays', 4]] as const) {
      const g = await call(w.backend, 'groups.create', group(name, day));
      if (!g.saved) throw new Error('not saved');
      await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: [man], confirm: true });
      groups.push(g.group.id);
    }
    const enrolments = (await call(w.backend, 'enrolments.forParticipant', { participantId: man })).filter((e) => e.status === 'active');
    expect(enrolments).toHaveLength(2);
    const alerts = async () =>
      (await call(w.backend, 'tasks.list', { scope: 'all', pageSize: 200 })).tasks.filter((t) => t.participantId === man && t.kind === 'partner_alert' && /left/i.test(t.title));
    await call(w.backend, 'enrolments.leave', { enrolmentId: enrolments[0]!.id, reason: 'Clashes with work', leftOn: today });
    expect(await alerts()).toEqual([]);
    await call(w.backend, 'enrolments.leave', { enrolmentId: enrolments[1]!.id, reason: 'Moved away', leftOn: today });
    expect(await alerts()).toHaveLength(1);
  });
});

describe('recovery keys and backups', () => {
  const temp = tempDir();
  let source: Backend;
  let other: Backend;
  let oldKey: string;
  let newKey: string;
  let older: string;
  let newer: string;
  let clock = Date.parse('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    ({ backend: source, recoveryKey: oldKey } = await setUpAndLogIn(makeFolder(temp.dir, 'source')));
    await call(source, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const first = await runJob(source, call(source, 'backups.start', { folder: makeFolder(temp.dir, 'stick-1') }));
    expect(first.error).toBeNull();
    older = first.result!.file;
    ({ recoveryKey: newKey } = await call(source, 'auth.replaceRecoveryKey', { password: ADMIN.password }));
    expect(newKey).not.toBe(oldKey);
    const second = await runJob(source, call(source, 'backups.start', { folder: makeFolder(temp.dir, 'stick-2') }));
    expect(second.error).toBeNull();
    newer = second.result!.file;
    other = await createBackend({ dataDir: makeFolder(temp.dir, 'other'), kdf: TEST_KDF, now: () => clock });
    await call(other, 'auth.setup', { organisation: { ...ORG, name: 'Other Charity', shortName: 'Other' }, admin: ADMIN });
    await call(other, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  }, 120_000);

  afterAll(async () => {
    await source?.shutdown();
    await other?.shutdown();
    temp.cleanup();
  });

  async function opens(file: string, recoveryKey: string): Promise<boolean> {
    const result = await source.invoke('backups.inspect', { file, recoveryKey }, { verified: true });
    if (result.ok) await call(source, 'backups.cancelRestore', {});
    else expect(result.error.fields?.recoveryKey).toBe(WRONG_RECOVERY_KEY);
    clock += 10 * 60_000;
    return result.ok;
  }

  it('a replaced recovery key does not open older backups; the one in use then does', async () => {
    expect(await opens(older, oldKey)).toBe(true);
    expect(await opens(older, newKey)).toBe(false);
    expect(await opens(newer, newKey)).toBe(true);
    // the new backup is not sealed to the key that was replaced
    expect(await opens(newer, oldKey)).toBe(false);
    expect(source.throttle.failures()).toBe(0);
  });

  it('wrong recovery keys are slowed down like log-ins, on their own counter, and audited without the key', async () => {
    const guesses = [0, 1, 2].map(() => formatRecoveryKey(randomBytes(32)));
    for (const recoveryKey of guesses) {
      const error = await callError(other, 'backups.inspect', { file: newer, recoveryKey });
      expect(error.fields?.recoveryKey).toBe(WRONG_RECOVERY_KEY);
    }
    // the right key straight away must still wait
    const held = await callError(other, 'backups.inspect', { file: newer, recoveryKey: newKey });
    expect(held.code).toBe('RATE_LIMITED');
    expect(held.retryAfter).toBe(1);
    clock += 1000;
    const ok = await other.invoke('backups.inspect', { file: newer, recoveryKey: newKey }, { verified: true });
    expect(ok.ok).toBe(true);
    await call(other, 'backups.cancelRestore', {});
    const entries = await other.requireDb().selectFrom('audit_log').select(['outcome', 'detail']).where('action', '=', 'backups.inspect').orderBy('seq').execute();
    expect(entries.map((e) => [e.outcome, JSON.parse(e.detail ?? '{}').reason ?? JSON.parse(e.detail ?? '{}').code])).toEqual([
      ['refused', 'wrong recovery key'],
      ['refused', 'wrong recovery key'],
      ['refused', 'wrong recovery key'],
      ['refused', 'RATE_LIMITED'],
      ['ok', undefined],
    ]);
    for (const e of entries) for (const g of [...guesses, newKey]) expect(e.detail ?? '').not.toContain(g);
    expect(other.throttle.failures()).toBe(0);
  });
});

describe('a copy that fails its check', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('is refused, naming the check, when quick_check finds a fault', async () => {
    const raw = await openRaw(join(temp.dir, 'copy.db'));
    await raw.key(randomBytes(32));
    await raw.exec('CREATE TABLE t (x INTEGER CHECK (x > 0)); INSERT INTO t VALUES (1), (2);');
    expect(await checkCopy(raw, false)).toMatchObject({ t: 2 });
    // A row that breaks its table's rule, as a damaged copy would hold.
    await raw.exec('PRAGMA ignore_check_constraints = ON; INSERT INTO t VALUES (-1); PRAGMA ignore_check_constraints = OFF;');
    await expect(checkCopy(raw, false)).rejects.toThrow(/failed its integrity check/);
    await expect(checkCopy(raw, true)).rejects.toThrow(/failed its integrity check/);
    await raw.close();
  });

  it('counts that differ from the live database are not the same, in either direction', () => {
    expect(sameCounts({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameCounts({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(sameCounts({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameCounts({ a: 1, b: 0 }, { a: 1 })).toBe(false);
  });
});

describe('the key-stretching cost', () => {
  it('is calibrated from the time scrypt takes: the cost nearest half a second, by an injected timer', async () => {
    // Each doubling of N doubles the time: 2^14 takes 100 ms, 2^15 200 ms, 2^16 400 ms, 2^17 800 ms.
    let t = 0;
    let calls = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => {
      calls += 1;
      // start, end pairs: the end of the k-th run is 100 * 2^k ms after its start
      if (calls % 2 === 1) return t;
      t += 100 * 2 ** ((calls - 2) / 2);
      return t;
    });
    try {
      // 400 ms is 100 from 500, 800 ms is 300: 2^16 is nearer.
      expect(await calibrateKdf(500)).toEqual({ N: 2 ** 16, r: 8, p: 1 });
      calls = 0;
      // 700 ms: 800 (2^17) is nearer than 400.
      expect(await calibrateKdf(700)).toEqual({ N: 2 ** 17, r: 8, p: 1 });
      calls = 0;
      // A very fast target never goes below the floor.
      expect(await calibrateKdf(10)).toEqual({ N: 2 ** 14, r: 8, p: 1 });
    } finally {
      spy.mockRestore();
    }
  }, 60_000);
});
