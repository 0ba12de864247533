/**
 * The back end's clock (`createBackend({ now })`) is the one services read for
 * "now" and "today" where a test depends on it (issue 20, item 6): with the
 * clock fixed, the audit entries written by the router, the date in an export's
 * file name and the day an attendance summary is judged on all follow it, not
 * the computer's clock. (The file name's date is the UTC date, as it always was.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/backend';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, addStaff, call, switchTo, tempDir } from '../helpers';
import { referralInput, today } from '../participants/fixtures';

const FIXED = Date.parse('2031-07-15T23:30:00Z'); // 00:30 on 16/07/2031 in London (summer time)
let backend: Backend;
let cleanup: () => void;
let facilitatorId = '';

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => FIXED });
  await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  await addStaff(backend, 'fred', 'facilitator');
  facilitatorId = (await backend.requireDb().selectFrom('staff').select('id').where('username', '=', 'fred').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('a fixed clock', () => {
  it('stamps the audit entry of a write with its time', async () => {
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 10 });
    const entry = await backend.requireDb().selectFrom('audit_log').select(['action', 'at']).where('action', '=', 'settings.update').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.at).toBe('2031-07-15T23:30:00.000Z');
  });

  it('dates an export by it, so a run across midnight names the same day', async () => {
    const mo = await addStaff(backend, 'morag', 'manager');
    await switchTo(backend, 'morag', mo.temporaryPassword);
    const file = await call(backend, 'exports.waitingList', {});
    expect(file.fileName).toBe('waiting-list-2031-07-15-0-rows.csv');
  });
});

/**
 * One check per area moved onto the back end's clock (issue 20, third round): each stamps the fixed time or
 * judges the fixed day, which the computer's clock (years earlier) would not give. Run as the manager above.
 */
describe('a fixed clock in each area', () => {
  const AT = '2031-07-15T23:30:00.000Z';
  const DAY = '2031-07-16'; // London's date at that moment, not the UTC one
  let manId = '';
  const db = () => backend.requireDb();

  it('auth: the last log-in time', async () => {
    const row = await db().selectFrom('staff').select('last_login_at').where('username', '=', 'morag').executeTakeFirstOrThrow();
    expect(row.last_login_at).toBe(AT);
  });

  it('participants: a new referral is stamped with it', async () => {
    manId = (await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Seam', aliases: [] }))).id;
    const row = await db().selectFrom('participants').select('created_at').where('id', '=', manId).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });

  it('tasks: a task added by hand is stamped with it, and done on it', async () => {
    const task = await call(backend, 'tasks.add', { title: 'Chase the GP letter', assigneeRole: 'manager', dueOn: '2026-01-01' });
    await call(backend, 'tasks.complete', { id: task.id, note: 'Done' });
    const row = await db().selectFrom('tasks').select(['created_at', 'done_at']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: AT, done_at: AT });
  });

  it('consents: a consent is stamped with it', async () => {
    const c = await call(backend, 'consents.add', { participantId: manId, recipient: 'gp', purpose: 'Health', confidentialityExplained: true, howGiven: 'verbal', givenOn: '2026-01-01', reviewOn: '2032-01-01' });
    const row = await db().selectFrom('consents').select('created_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });

  it('risk: a rating is stamped with it', async () => {
    await call(backend, 'risk.add', { participantId: manId, level: 'medium', reasons: 'Recent separation', redFlags: ['separation'], assessorId: facilitatorId, assessedOn: '2026-01-01', nextReviewOn: '2032-01-01' });
    const row = await db().selectFrom('risk_assessments').select('created_at').where('participant_id', '=', manId).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });

  it('safeguarding: a concern is stamped with it', async () => {
    await call(backend, 'safeguarding.raise', { participantId: manId, kind: 'child_protection', raisedOn: '2026-01-01', what: 'A concern' });
    const row = await db().selectFrom('safeguarding_concerns').select('created_at').where('participant_id', '=', manId).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });

  it('groups: he joins a group on that day', async () => {
    const p = await call(backend, 'participants.get', { id: manId });
    await call(backend, 'participants.setStatus', { id: manId, version: p.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today }); // his referral's date
    const programme = (await call(backend, 'programmes.list', {})).find((x) => x.kind === 'group')!;
    const g = await call(backend, 'groups.create', { programmeTypeId: programme.id, name: 'Clock group', venue: 'Room clock', weekday: 3, startTime: '10:00', startDate: '2031-08-06', facilitatorIds: [facilitatorId], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('not saved');
    await call(backend, 'groups.enrol', { groupId: g.group.id, participantIds: [manId], confirm: true });
    const row = await db().selectFrom('enrolments').select(['joined_on', 'created_at']).where('participant_id', '=', manId).executeTakeFirstOrThrow();
    expect(row).toEqual({ joined_on: DAY, created_at: AT });
  });
});
