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
import { encodePng } from '../../../src/main/reports/png';
import { ADMIN, ORG, addStaff, call, switchTo, tempDir } from '../helpers';
import { referralInput, today } from '../participants/fixtures';
import type { ReportContent } from '../../../src/shared/features/reports';
import { readDocx } from '../reports/docx';
import { PASSPHRASE, makeFolder, runJob } from '../backups/fixtures';
import { checklistKeys } from '../../../src/shared/features/partners';
import { CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';

/** A partner with only her name: the clock checks need nothing else of her, and her worker is whoever is logged in. */
const herDetails = (lastName: string) => ({
  firstName: 'Clock',
  lastName,
  phone: '',
  address: '',
  safeContact: { safeNumber: '', safeTimes: '', messageAllowed: 'no' as const, nameToGive: '', codeWord: '', notes: '' },
  consentToService: true,
  workerId: backend.session!.staffId,
});

const FIXED = Date.parse('2031-07-15T23:30:00Z'); // 00:30 on 16/07/2031 in London (summer time)
let backend: Backend;
let cleanup: () => void;
let root = '';
let facilitatorId = '';

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  root = t.dir;
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

  it("auth: the log-in's own audit entry (written outside the router), so the log lists it in order with the rest", async () => {
    const rows = await db().selectFrom('audit_log').select(['action', 'at']).where('action', 'in', ['auth.login', 'auth.setup']).execute();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.at === AT)).toBe(true);
  });

  it('participants: a new referral is stamped with it', async () => {
    manId = (await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Seam', aliases: [] }))).id;
    const row = await db().selectFrom('participants').select('created_at').where('id', '=', manId).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });

  it('participants: his referral, his first status and his reference\'s year follow it too', async () => {
    const referral = await db().selectFrom('referrals').select(['created_at', 'updated_at']).where('participant_id', '=', manId).executeTakeFirstOrThrow();
    const status = await db().selectFrom('status_history').select('changed_at').where('participant_id', '=', manId).executeTakeFirstOrThrow();
    const { reference } = await db().selectFrom('participants').select('reference').where('id', '=', manId).executeTakeFirstOrThrow();
    expect([referral, status.changed_at, reference.slice(0, 7)]).toEqual([{ created_at: AT, updated_at: AT }, AT, 'P-2031-']);
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
    // The group starts on 06/08/2031: planned on the clock's day (it would be planned on the computer's day too), and
    // a group that started on the clock's day is running (on the computer's day, years before, it would be planned).
    expect((await call(backend, 'groups.get', { id: g.group.id })).group.status).toBe('planned');
    const started = await call(backend, 'groups.create', { programmeTypeId: programme.id, name: 'Clock group started', venue: 'Room clock 3', weekday: 3, startTime: '12:00', startDate: DAY, facilitatorIds: [facilitatorId], capacity: 8, intake: 'closed', confirm: true });
    if (!started.saved) throw new Error('not saved');
    expect(started.group.status).toBe('running');
    expect((await call(backend, 'groups.list', {})).find((x) => x.id === started.group.id)?.status).toBe('running');
    const active = await db().selectFrom('status_history').select(['effective_on', 'changed_at']).where('participant_id', '=', manId).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(active).toEqual({ effective_on: DAY, changed_at: AT });
  });

  // Issue 20, fourth round: the tasks the program raises, the record's consents and open tasks, a concern from a register.
  it('tasks: a task the program raises (a safeguarding concern\'s) is stamped with it', async () => {
    const rows = await db().selectFrom('tasks').select(['source_key', 'created_at']).where('participant_id', '=', manId).where('source_key', 'like', 'safeguarding:%').execute();
    expect(rows.map((r) => r.created_at)).toEqual([AT]);
  });

  it('participants: his record judges his consents and open tasks on that day', async () => {
    // Both would still be in the future on the computer's clock (before 2030).
    await call(backend, 'consents.add', { participantId: manId, recipient: 'police', purpose: 'Risk checks', confidentialityExplained: true, howGiven: 'verbal', givenOn: '2026-01-01', reviewOn: '2030-01-01' });
    await call(backend, 'tasks.add', { participantId: manId, title: 'Ring his probation officer', assigneeRole: 'manager', dueOn: '2030-01-01' });
    const record = await call(backend, 'participants.get', { id: manId });
    expect(record.consents.find((c) => c.recipient === 'police')?.state).toBe('expired');
    expect(record.openTasks.find((t) => t.title === 'Ring his probation officer')?.overdue).toBe(true);
  });

  it('registers: a concern raised in a session log, and its task, are stamped with it', async () => {
    const { id } = await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Register', aliases: [] }));
    const p = await call(backend, 'participants.get', { id });
    await call(backend, 'participants.setStatus', { id, version: p.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    const programme = (await call(backend, 'programmes.list', {})).find((x) => x.kind === 'group')!;
    // 16/07/2031 is a Wednesday: the first session is on the clock's day, so its register can be taken.
    const g = await call(backend, 'groups.create', { programmeTypeId: programme.id, name: 'Clock register group', venue: 'Room clock 2', weekday: 3, startTime: '18:00', startDate: DAY, facilitatorIds: [facilitatorId], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('not saved');
    await call(backend, 'groups.enrol', { groupId: g.group.id, participantIds: [id], confirm: true });
    const first = (await call(backend, 'groups.get', { id: g.group.id })).sessions[0]!;
    expect(first.date).toBe(DAY);
    await call(backend, 'registers.save', { sessionId: first.id, version: 0, entries: [{ participantId: id, attendance: 'present', participation: 3, concern: 'child_protection', concernNote: 'Spoke of the children being frightened' }] });
    const concern = await db().selectFrom('safeguarding_concerns').select(['created_at', 'updated_at']).where('participant_id', '=', id).executeTakeFirstOrThrow();
    expect(concern).toEqual({ created_at: AT, updated_at: AT });
    const task = await db().selectFrom('tasks').select(['created_at', 'due_on']).where('participant_id', '=', id).where('kind', '=', 'concern').executeTakeFirstOrThrow();
    expect(task).toEqual({ created_at: AT, due_on: DAY });
  });
  // Issue 20, fifth round: closing stale tasks, outcomes, imports and retention (dates that decide what happens to records).
  it('tasks: a program task whose cause has gone is raised and closed on it (a consent withdrawn)', async () => {
    // The police consent above is past its review on the clock's day: its reminder was raised then.
    const consent = await db().selectFrom('consents').select(['id', 'version']).where('participant_id', '=', manId).where('recipient', '=', 'police').executeTakeFirstOrThrow();
    await call(backend, 'consents.withdraw', { id: consent.id, version: consent.version, withdrawnOn: '2031-07-01', reason: 'He asked' });
    const task = await db().selectFrom('tasks').select(['status', 'created_at', 'done_at', 'done_note']).where('source_key', 'like', `%${consent.id}%`).executeTakeFirstOrThrow();
    expect(task).toEqual({ status: 'done', created_at: AT, done_at: AT, done_note: 'Closed by the program: no longer needed.' });
  });

  it('outcomes: his points are raised on it when he starts, and a point recorded closes its task on it', async () => {
    const task = await db().selectFrom('tasks').select(['source_key', 'created_at', 'status']).where('source_key', '=', `outcome:${manId}:baseline`).executeTakeFirstOrThrow();
    expect(task).toEqual({ source_key: `outcome:${manId}:baseline`, created_at: AT, status: 'open' });
    for (const set of ['participant', 'rating'] as const) {
      await call(backend, 'outcomes.record', { set, participantId: manId, point: 'baseline', formVersion: 1, status: 'declined', recordedOn: '2026-01-01' });
    }
    const records = await db().selectFrom('outcome_records').select('created_at').where('participant_id', '=', manId).execute();
    expect(records.map((r) => r.created_at)).toEqual([AT, AT]);
    const closed = await db().selectFrom('tasks').select(['status', 'done_at']).where('source_key', '=', `outcome:${manId}:baseline`).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'done', done_at: AT });
  });

  it('partners: the first-contact task is due on that day, and a contact logged, the tasks it closes and raises, are stamped with it', async () => {
    const { id } = await call(backend, 'partners.create', {
      details: herDetails('Partner'),
      link: { participantId: manId, relationship: 'current', from: '2019-01-01', to: '' },
    });
    const task = await db().selectFrom('tasks').select(['due_on', 'created_at']).where('source_key', '=', `partner-first-contact:${id}`).executeTakeFirstOrThrow();
    expect(task).toEqual({ due_on: DAY, created_at: AT });
    // A contact logged with the next one due: the first-contact task is done on it, the next is raised on it.
    await call(backend, 'partners.logContact', { partnerId: id, at: '2026-01-05T10:00:00.000Z', method: 'phone', outcome: 'no_answer', nextContactDue: '2031-08-01' });
    const first = await db().selectFrom('tasks').select(['status', 'done_at']).where('source_key', '=', `partner-first-contact:${id}`).executeTakeFirstOrThrow();
    const next = await db().selectFrom('tasks').select('created_at').where('source_key', '=', `partner-contact:${id}:2031-08-01`).executeTakeFirstOrThrow();
    const contact = await db().selectFrom('partner_contacts').select('created_at').where('partner_id', '=', id).executeTakeFirstOrThrow();
    expect([first, next.created_at, contact.created_at]).toEqual([{ status: 'done', done_at: AT }, AT, AT]);
  });

  it('partners: an alert for the partner service (a new partner disclosed) is due on that day and stamped with it', async () => {
    await call(backend, 'participants.newPartnerDisclosed', { participantId: manId, note: 'Mentioned a new girlfriend' });
    const alert = await db().selectFrom('tasks').select(['due_on', 'created_at']).where('participant_id', '=', manId).where('source_key', 'like', 'alert:new_partner:%').executeTakeFirstOrThrow();
    expect(alert).toEqual({ due_on: DAY, created_at: AT });
  });

  it('outcomes: the follow-up months and new wording are stamped with it, and the dashboard counts its quarter', async () => {
    await call(backend, 'outcomes.setFollowUps', { months: [6, 12] });
    const setting = await db().selectFrom('settings').select('updated_at').where('key', 'like', '%follow%').executeTakeFirstOrThrow();
    const forms = await call(backend, 'outcomes.forms', { set: 'participant' });
    const current = forms.at(-1)!;
    await call(backend, 'outcomes.saveWording', { set: 'participant', basedOn: current.version, labels: current.items.map((i) => `${i.label} (ours)`), source: 'Our own wording' });
    const form = await db().selectFrom('outcome_forms').select('created_at').where('set_name', '=', 'participant').orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect([setting.updated_at, form.created_at]).toEqual([AT, AT]);
    // The dashboard's quarter is the clock's (July to September 2031).
    expect((await call(backend, 'outcomes.dashboard', {})).attendance.quarterFrom).toBe('2031-07-01');
  });

  it('imports: a saved column mapping is stamped with it', async () => {
    await call(backend, 'imports.saveMapping', { kind: 'staff', mapping: { 'Full name': 'fullName' } });
    const row = await db().selectFrom('settings').select('updated_at').where('key', 'like', '%import%staff%').executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(AT);
  });

  it('retention: the policy and a decision to keep a record longer are stamped with it', async () => {
    await call(backend, 'retention.setPolicy', {
      participantCase: { years: 1, yearsWithChildren: 1, yearsWithSafeguarding: 1 },
      participantReferral: { years: 3 },
      partner: { years: 6, yearsWithChildren: 15, yearsWithSafeguarding: 15 },
    });
    const policy = await db().selectFrom('settings').select('updated_at').where('key', 'like', '%retention%').executeTakeFirstOrThrow();
    await call(backend, 'retention.extend', { subject: 'participant', id: manId, keepUntil: '2040-01-01', reason: 'Court case open' });
    const hold = await db().selectFrom('retention_holds').select('decided_at').where('record_id', '=', manId).executeTakeFirstOrThrow();
    expect([policy.updated_at, hold.decided_at]).toEqual([AT, AT]);
  });

  it('retention: a case that ended five years before is past its date on that day, and can be anonymised then', async () => {
    // Exited on 01/06/2026 with a five-year rule: his date, 01/06/2031, is past on the clock's day (on the computer's
    // day, years before, he would not be due, and anonymising would be refused). The dates typed are in the computer's
    // past: the input schemas refuse a date after the computer's today (left there: the window checks with them too).
    await call(backend, 'retention.setPolicy', {
      participantCase: { years: 5, yearsWithChildren: 5, yearsWithSafeguarding: 5 },
      participantReferral: { years: 3 },
      partner: { years: 6, yearsWithChildren: 15, yearsWithSafeguarding: 15 },
    });
    const { id } = await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Retention', aliases: [] }, { receivedOn: '2026-01-02', reportDueDate: '2026-03-01' }));
    const p = await call(backend, 'participants.get', { id });
    await call(backend, 'participants.setStatus', { id, version: p.version, status: 'exited', exitReason: 'other', reason: 'Moved away', effectiveOn: '2026-06-01' } as never);
    const review = await call(backend, 'retention.review', {});
    expect(review.due.filter((r) => r.id === id).map((r) => [r.keepUntil, r.rule])).toEqual([['2031-06-01', 'participant_case']]);
    await call(backend, 'retention.anonymise', { subject: 'participant', id });
    const row = await db().selectFrom('participants').select('anonymised_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.anonymised_at).toBe(AT);
  });

  it('subject access: a request is logged, its task raised, judged overdue and its pack produced on it', async () => {
    // Received 20/11/2026, due 20/12/2026: overdue on the clock's day (not before that day on the computer's clock).
    const logged = await call(backend, 'subjectAccess.log', { participantId: manId, receivedOn: '2026-11-20', channel: 'letter', note: '' });
    expect([logged.dueOn, logged.overdue]).toEqual(['2026-12-20', true]);
    expect((await call(backend, 'subjectAccess.list', { status: 'open' })).find((r) => r.id === logged.id)?.overdue).toBe(true);
    const key = `subject-access:${logged.id}`;
    const raised = await db().selectFrom('tasks').select('created_at').where('source_key', '=', key).executeTakeFirstOrThrow();
    await call(backend, 'subjectAccess.produce', { requestId: logged.id, release: [] });
    const row = await db().selectFrom('subject_access_requests').select(['logged_at', 'produced_at']).where('id', '=', logged.id).executeTakeFirstOrThrow();
    const done = await db().selectFrom('tasks').select('done_at').where('source_key', '=', key).executeTakeFirstOrThrow();
    expect([raised.created_at, row.logged_at, row.produced_at, done.done_at]).toEqual([AT, AT, AT, AT]);
  });

  it('notes: a case note and a goal, added and changed, are stamped with it', async () => {
    const note = await call(backend, 'notes.add', { participantId: manId, noteType: 'phone_call', occurredOn: '2026-01-05', body: 'Rang him about the group' });
    await call(backend, 'notes.update', { id: note.id, version: 1, noteType: 'phone_call', occurredOn: '2026-01-05', body: 'Rang him about the group, and his GP' });
    const goal = await call(backend, 'goals.add', { participantId: manId, kind: 'goal', text: 'Walk away when angry', setOn: '2026-01-05' });
    await call(backend, 'goals.update', { id: goal.id, version: 1, kind: 'goal', text: 'Walk away when angry', setOn: '2026-01-05', achievedOn: '2026-02-01' });
    const notes = await db().selectFrom('case_notes').select(['created_at', 'updated_at']).where('id', '=', note.id).executeTakeFirstOrThrow();
    const goals = await db().selectFrom('goals').select(['created_at', 'updated_at']).where('id', '=', goal.id).executeTakeFirstOrThrow();
    expect([notes, goals]).toEqual([{ created_at: AT, updated_at: AT }, { created_at: AT, updated_at: AT }]);
  });

  it('staff: an account created and deactivated is stamped with it (an administrator’s work)', async () => {
    const created = await db().selectFrom('staff').select(['created_at', 'updated_at']).where('id', '=', facilitatorId).executeTakeFirstOrThrow();
    expect(created).toEqual({ created_at: AT, updated_at: AT });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call(backend, 'staff.deactivate', { id: facilitatorId });
    const row = await db().selectFrom('staff').select(['updated_at', 'deactivated_at']).where('id', '=', facilitatorId).executeTakeFirstOrThrow();
    expect(row).toEqual({ updated_at: AT, deactivated_at: AT });
  });

  it('settings: a changed setting is stamped with it (the administrator again)', async () => {
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 15 });
    const rows = await db().selectFrom('settings').select(['key', 'updated_at']).where('key', 'in', ['organisation', 'autoLockMinutes']).orderBy('key').execute();
    // The organisation's was set up on it; the lock's was changed on it just now.
    expect(rows).toEqual([{ key: 'autoLockMinutes', updated_at: AT }, { key: 'organisation', updated_at: AT }]);
    await call(backend, 'settings.setLogo', { base64: encodePng(4, 2, new Uint8Array(4 * 2 * 3).fill(200)).toString('base64') });
    const logo = await db().selectFrom('settings').select('updated_at').where('key', '=', 'logoInfo').executeTakeFirstOrThrow();
    expect(logo.updated_at).toBe(AT);
  });
});

/**
 * Issue 20, sixth round: assessments, plans, programme rules, the audit export, partners (her reference, the
 * ex-partner check, the checklist's wording) and backups. Runs after the administrator's checks above.
 */
describe('a fixed clock in more areas', () => {
  const AT = '2031-07-15T23:30:00.000Z';
  const DAY = '2031-07-16';
  const db = () => backend.requireDb();
  const asManager = async () => {
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: 'morag', password: 'a new long password' });
  };

  it('audit: the export of the log is named by its (UTC) date', async () => {
    // The administrator's session (the settings check above left it).
    const file = await call(backend, 'audit.export', {});
    expect(file.fileName).toMatch(/^audit-log-2031-07-15-\d+-entries\.csv$/);
  });

  it('backups: the reminder is judged on its day, and a backup is stamped, named and counted on it', async () => {
    // Set up six weeks before the clock's day, never backed up (set up in the computer's future, it would not be due).
    await db().updateTable('meta').set({ value: '2031-06-01T09:00:00.000Z' }).where('key', '=', 'created_at').execute();
    const set = await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    expect([set.passphraseSetAt, set.overdue]).toEqual([AT, true]);
    expect((await call(backend, 'backups.status', {})).overdue).toBe(true);
    await call(backend, 'backups.updateSettings', { keep: 3, reminderDays: 30 });
    const reminder = await db().selectFrom('tasks').select(['due_on', 'created_at', 'status']).where('source_key', '=', 'backup-due:never').executeTakeFirstOrThrow();
    expect(reminder).toEqual({ due_on: DAY, created_at: AT, status: 'open' });
    const job = await runJob(backend, call(backend, 'backups.start', { folder: makeFolder(root, 'clock-stick') }));
    expect(job.error).toBeNull();
    const status = await call(backend, 'backups.status', {});
    // 00:30 on 16/07/2031 in London: the file name is London's date and time.
    expect([status.lastVerifiedAt, status.lastFileName, status.overdue]).toEqual([AT, 'TestCharity-2031-07-16-0030.dvppbak', false]);
    const closed = await db().selectFrom('tasks').select(['status', 'done_at']).where('source_key', '=', 'backup-due:never').executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'done', done_at: AT });
    const made = await db().selectFrom('audit_log').select('at').where('action', '=', 'backups.create').executeTakeFirstOrThrow();
    expect(made.at).toBe(AT);
    expect((await call(backend, 'backups.checkDatabase', {})).checkedAt).toBe(AT);
  });

  let assessedId = '';
  it('assessments: an assessment, and the decision it puts on his record, are stamped with it', async () => {
    await asManager();
    assessedId = (await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Assessed', aliases: [] }))).id;
    const saved = await call(backend, 'assessments.save', {
      participantId: assessedId,
      formVersion: CURRENT_ASSESSMENT_FORM,
      ratings: {
        acknowledges: { rating: 3, evidence: 'Described the incidents' },
        responsibility: { rating: 2, evidence: 'Some blaming' },
        motivated: { rating: 4, evidence: 'Wants to be a safe father' },
      },
      exclusionFactors: [],
      consentObtained: true,
      decision: 'suitable_group',
      decisionReason: 'Ready for group',
      assessorId: backend.session!.staffId,
      meetingDates: [today],
      complete: true,
    });
    const row = await db().selectFrom('assessments').select(['created_at', 'updated_at']).where('id', '=', saved.id).executeTakeFirstOrThrow();
    const history = await db().selectFrom('status_history').select('changed_at').where('participant_id', '=', assessedId).where('status', 'in', ['assessed', 'waiting_list']).execute();
    const man = await db().selectFrom('participants').select('updated_at').where('id', '=', assessedId).executeTakeFirstOrThrow();
    expect([row, history.map((h) => h.changed_at), man.updated_at]).toEqual([{ created_at: AT, updated_at: AT }, [AT, AT], AT]);
  });

  it('exports: the waiting list file counts his days waiting to that day, as the waiting list does', async () => {
    const onScreen = (await call(backend, 'participants.waitingList', {})).find((r) => r.id === assessedId)!;
    const file = await call(backend, 'exports.waitingList', {});
    const line = file.csv.split(/\r?\n/).find((l) => l.includes(onScreen.reference))!;
    // Columns: No., Reference, Name, Date referred, Days waiting, ...
    expect(Number(line.split(',')[4])).toBe(onScreen.daysWaiting);
    expect(onScreen.daysWaiting).toBeGreaterThan(0); // he was assessed on the computer's day, years before the clock's
  });

  it('imports: attendance can be imported for a session held on that day (after the computer\'s day)', async () => {
    // He joins the group that started on the clock's day; its first session, that day, has happened on the clock.
    const group = (await call(backend, 'groups.list', {})).find((g) => g.name === 'Clock group started')!;
    await call(backend, 'groups.enrol', { groupId: group.id, participantIds: [assessedId], confirm: true });
    const { reference } = await call(backend, 'participants.get', { id: assessedId }).then((r) => r.header);
    const csv = `Client ref;Group name;Date of session;Attended;Minutes late;Reason for absence\n${reference};Clock group started;16/07/2031;Present;;\n`;
    const check = await call(backend, 'imports.check', { kind: 'attendance', base64: Buffer.from(csv).toString('base64') });
    expect(check.problems).toEqual([]);
  });

  it('programmes: the attendance rules are stamped with it', async () => {
    await call(backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 3, totalAbsences: 4 });
    const row = await db().selectFrom('settings').select('updated_at').where('key', '=', 'attendanceRules').executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(AT);
  });

  it('plans: a session plan started is stamped with it', async () => {
    const group = (await call(backend, 'groups.list', {})).find((g) => g.name === 'Clock group')!;
    const session = (await call(backend, 'groups.get', { id: group.id })).sessions[0]!;
    const plan = await call(backend, 'plans.start', { sessionId: session.id, from: { kind: 'blank' } });
    expect(plan.updatedAt).toBe(AT);
  });

  it('partners: her reference carries its year, and an alert waiting for him passes to her as his ex-partner once their link ended before that day', async () => {
    const { id: man } = await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Alerted', aliases: [] }));
    const risk = { participantId: man, reasons: 'Recent separation', redFlags: ['separation' as const], assessorId: backend.session!.staffId, assessedOn: today, nextReviewOn: '2032-01-01' };
    await call(backend, 'risk.add', { ...risk, level: 'low' });
    await call(backend, 'risk.add', { ...risk, level: 'high' }); // raised: an alert waits for the partner service
    // Separated on 01/01/2030: after the computer's day, before the clock's.
    const { id } = await call(backend, 'partners.create', {
      details: herDetails('Former'),
      link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '2030-01-01' },
    });
    const her = await db().selectFrom('partners').select(['reference', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect([her.reference.slice(0, 7), her.created_at]).toEqual(['W-2031-', AT]);
    const alert = await db().selectFrom('tasks').select('title').where('participant_id', '=', man).where('kind', '=', 'partner_alert').executeTakeFirstOrThrow();
    expect(alert.title).toMatch(/: contact his ex-partner$/);
  });

  it('partners: new wording for the checklist is stamped with it', async () => {
    const { current } = await call(backend, 'partners.checklistForms', {});
    await call(backend, 'partners.saveChecklistWording', { basedOn: current, labels: checklistKeys.map((k) => `Our wording for ${k}?`), source: 'Clock licence' });
    const row = await db().selectFrom('checklist_forms').select('created_at').orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(row.created_at).toBe(AT);
  });
});

/**
 * Reports on the back end's clock (issue 20, item 6): a draft's stamps, the day his record is gathered on (the
 * sessions held by then, his next one after it), the date a preview, a sign-off, a file and its name carry, and the
 * day a report may be recorded as sent. The computer's clock (years before 2031) gives none of these.
 *
 * Two dates on purpose: the preview and his sessions are judged on London's day (16/07/2031, it is 00:30 there),
 * while a sign-off and a produced file are dated by the day of the moment stamped (UTC, 15/07/2031), as they
 * always have been (service.ts); only between midnight and 01:00 in summer do the two differ.
 */
describe('a fixed clock in the reports', () => {
  const AT = '2031-07-15T23:30:00.000Z';
  const DAY = '2031-07-16'; // London's date at that moment: a Wednesday
  const STAMPED_DAY = AT.slice(0, 10); // the UTC date a sign-off and a file are dated with
  const db = () => backend.requireDb();
  const password = 'a new long password';
  let man = '';
  let sessionId = '';
  let courtId = '';
  let signer = { username: '', temporaryPassword: '' };

  const login = async (username: string, pw: string) => {
    if (backend.session) await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username, password: pw });
  };
  const text = (c: ReportContent) => JSON.stringify(c.blocks);
  const facts = (c: ReportContent) => Object.fromEntries(c.blocks.flatMap((b) => (b.kind === 'facts' ? b.rows : [])));
  const tableRows = (c: ReportContent) => c.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));

  beforeAll(async () => {
    await login(ADMIN.username, ADMIN.password);
    const author = await addStaff(backend, 'rhona', 'manager');
    signer = { username: 'sally', temporaryPassword: (await addStaff(backend, 'sally', 'manager')).temporaryPassword };
    await addStaff(backend, 'fay', 'facilitator');
    const fay = (await db().selectFrom('staff').select('id').where('username', '=', 'fay').executeTakeFirstOrThrow()).id;
    await switchTo(backend, 'rhona', author.temporaryPassword, password);
    // A man on a group whose first session is on the clock's day (a Wednesday, at 19:00), with an address for letters.
    man = (await call(backend, 'participants.create', referralInput({ firstName: 'Clock', lastName: 'Reports', aliases: [] }))).id;
    let p = await call(backend, 'participants.get', { id: man });
    await call(backend, 'participants.updateDetails', { id: man, version: p.version, details: { ...p.details, address: '1 Clock Lane, Exeter, EX1 1AA' } });
    p = await call(backend, 'participants.get', { id: man });
    await call(backend, 'participants.setStatus', { id: man, version: p.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    const programme = (await call(backend, 'programmes.list', {})).find((x) => x.kind === 'group')!;
    const g = await call(backend, 'groups.create', { programmeTypeId: programme.id, name: 'Clock reports group', venue: 'Room clock reports', weekday: 3, startTime: '19:00', startDate: DAY, facilitatorIds: [fay], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('not saved');
    await call(backend, 'groups.enrol', { groupId: g.group.id, participantIds: [man], confirm: true });
    sessionId = (await call(backend, 'groups.get', { id: g.group.id })).sessions[0]!.id;
  });

  it('reports: a report drafted and changed is stamped with it', async () => {
    const created = await call(backend, 'reports.create', { type: 'court_mid', participantId: man, periodFrom: '2031-07-01', periodTo: DAY });
    courtId = created.id;
    await call(backend, 'reports.update', {
      id: courtId,
      version: created.version,
      periodFrom: created.periodFrom,
      periodTo: created.periodTo,
      recipient: created.recipient,
      recipientName: created.recipientName,
      sections: { observations: 'He takes part.', recommendations: 'That he carries on.' },
    });
    const row = await db().selectFrom('reports').select(['created_at', 'updated_at', 'version']).where('id', '=', courtId).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: AT, updated_at: AT, version: 2 });
  });

  it('reports: a letter gives his next session after that day (not the one on it), and is dated on it', async () => {
    // His first session (16/07/2031) is not yet held: on the computer's day it would be his next.
    const d = await call(backend, 'reports.create', { type: 'letter_missed_session', participantId: man, periodFrom: '2031-07-01', periodTo: DAY });
    expect(text(d.content)).toContain('Your next session is on Wednesday 23/07/2031 at 19:00');
    expect(text(d.content)).toContain('Date: 16/07/2031');
  });

  it('reports: a court report counts the sessions held by that day, and its preview is dated on it', async () => {
    await call(backend, 'registers.save', { sessionId, version: 0, entries: [{ participantId: man, attendance: 'present', participation: 4 }] });
    const d = await call(backend, 'reports.get', { id: courtId });
    // On the computer's day the session (in 2031) is still to come, so the period would have no attendance.
    expect(tableRows(d.content).filter((r) => r[0] === '16/07/2031').map((r) => [r[1], r[3]])).toEqual([['Clock reports group, session 1', 'Present']]);
    expect(text(d.content)).not.toContain('No sessions were held for him');
    expect(facts(d.content)['Date of report']).toBe('16/07/2031');
  });

  it('reports: the name offered in the save dialog carries its date', async () => {
    let offered = '';
    backend.fileSaver = {
      choose: (name) => {
        offered = name;
        return Promise.resolve(null);
      },
      write: () => Promise.reject(new Error('not used')),
    };
    try {
      expect(await call(backend, 'reports.choosePlace', { id: courtId })).toEqual({ token: null, cancelled: true });
    } finally {
      backend.fileSaver = null;
    }
    expect(offered).toMatch(new RegExp(`^court-report-mid-programme_.*_${STAMPED_DAY}\\.docx$`));
  });

  it('reports: a court report is signed off, produced and sent on it', async () => {
    await switchTo(backend, signer.username, signer.temporaryPassword, password);
    let d = await call(backend, 'reports.get', { id: courtId });
    // Its period is brought to an end on the sign-off's day: a period ending on London's day (16/07) is refused as
    // "after the date of this report" between midnight and 01:00 in summer (the UTC date; left as it was, see the notes).
    d = await call(backend, 'reports.update', { id: courtId, version: d.version, periodFrom: d.periodFrom, periodTo: STAMPED_DAY, recipient: d.recipient, recipientName: d.recipientName, sections: d.sections });
    d = await call(backend, 'reports.signOff', { id: courtId, version: d.version, withoutConsentReason: 'The court ordered it' });
    expect(d.signedAt).toBe(AT);
    expect(facts(d.content)['Date of report']).toBe('15/07/2031'); // the sign-off's day (STAMPED_DAY)
    const out = await call(backend, 'reports.generate', { id: courtId, version: d.version });
    expect(out.fileName).toMatch(new RegExp(`_${STAMPED_DAY}\\.docx$`));
    expect(readDocx(Buffer.from(out.base64!, 'base64')).core).toContain('2031-07-15T23:30:00Z');
    const saved = await call(backend, 'reports.get', { id: courtId });
    expect(saved.savedAt).toBe(AT);
    // Sent on London's day: on the computer's clock 16/07/2031 is in the future and refused.
    const sent = await call(backend, 'reports.markSent', { id: courtId, version: saved.version, sentOn: DAY, how: 'secure_email' });
    expect([sent.status, sent.sentAt, sent.sentOn]).toEqual(['sent', AT, DAY]);
    const logged = await db().selectFrom('sharing_log').select(['shared_on', 'created_at']).where('participant_id', '=', man).executeTakeFirstOrThrow();
    expect(logged).toEqual({ shared_on: DAY, created_at: AT });
  });

  it('reports: new standard wording is stamped with it', async () => {
    const before = await call(backend, 'reports.wording', { type: 'probation_update' });
    const current = before.versions.at(-1)!;
    const key = Object.keys(current.paragraphs).find((k) => current.paragraphs[k])!;
    const after = await call(backend, 'reports.saveWording', { type: 'probation_update', basedOn: before.current, paragraphs: { ...current.paragraphs, [key]: `${current.paragraphs[key]} (ours)` } });
    expect(after.versions.at(-1)!.createdAt).toBe(AT);
  });

  it('reports: the accreditation pack’s CSV is dated and stamped with it', async () => {
    const d = await call(backend, 'reports.create', { type: 'accreditation_pack', periodFrom: '2031-07-01', periodTo: DAY });
    await call(backend, 'reports.generate', { id: d.id, version: d.version });
    const csv = await call(backend, 'outcomes.packCsv', { id: d.id });
    expect(csv.fileName).toMatch(new RegExp(`^accreditation-pack-2031-07-01-to-${DAY}-[0-9a-f]{8}-${STAMPED_DAY}\\.csv$`));
    const row = await db().selectFrom('reports').select(['created_at', 'generated_at']).where('file_name', '=', csv.fileName).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: AT, generated_at: AT });
  });
});
