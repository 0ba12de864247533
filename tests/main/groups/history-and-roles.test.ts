/** Session and register history, leaving alerts, warnings before saving, and every route's role refusals. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RouteInput, type RouteName } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { can, roles } from '../../../src/shared/permissions';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let programmeId: string;
let groupId: string;
const men: string[] = [];
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  programmeId = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!.id;
  for (let i = 0; i < 3; i++) {
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: `Hist${i}`, lastName: 'Case', aliases: [] }));
    const r = await call(w.backend, 'participants.get', { id });
    await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    men.push(id);
  }
  const g = await call(w.backend, 'groups.create', groupInput({ name: 'History group', startDate: addDays(today, -21), confirm: true }));
  if (!g.saved) throw new Error('not saved');
  groupId = g.group.id;
  await call(w.backend, 'groups.enrol', { groupId, participantIds: men, confirm: true });
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

function groupInput(over: Partial<RouteInput<'groups.create'>> = {}): RouteInput<'groups.create'> {
  return { programmeTypeId: programmeId, name: 'G', venue: 'Main hall', weekday: 2, startTime: '18:30', startDate: addDays(today, 3), facilitatorIds: [w.accounts.facilitator.id], capacity: 10, intake: 'closed', ...over };
}
const sessionsOf = async (id: string) => (await call(w.backend, 'groups.get', { id })).sessions;

describe('session changes are kept with their reason', () => {
  it('keeps the reason with the old and new date and time; a cancellation too', async () => {
    const upcoming = (await sessionsOf(groupId)).filter((s) => s.date > today);
    const s = upcoming[0]!;
    const moved = await call(w.backend, 'sessions.reschedule', { id: s.id, version: s.version, date: addDays(s.date, 1), startTime: '19:00', venue: 'Room 3', facilitatorIds: [w.accounts.facilitator.id], reason: 'Hall double-booked', confirm: true });
    expect(moved.saved).toBe(true);
    await call(w.backend, 'sessions.cancel', { id: upcoming[1]!.id, version: upcoming[1]!.version, reason: 'Snow' });
    await w.loginAs('facilitator');
    const changes = await call(w.backend, 'sessions.changes', { sessionId: s.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'rescheduled',
      reason: 'Hall double-booked',
      byName: 'Test manager',
      before: { date: s.date, startTime: '18:30', venue: 'Main hall' },
      after: { date: addDays(s.date, 1), startTime: '19:00', venue: 'Room 3' },
    });
    expect((await call(w.backend, 'sessions.changes', { sessionId: upcoming[1]!.id }))[0]).toMatchObject({ kind: 'cancelled', reason: 'Snow', after: null });
    expect(await call(w.backend, 'sessions.changes', { sessionId: upcoming[2]!.id })).toEqual([]);
    await w.loginAs('manager');
  });

  it('warns of a clash or a closure date on reschedule, and of a clash on a catch-up, until confirmed', async () => {
    const other = await call(w.backend, 'groups.create', groupInput({ name: 'Other', venue: 'Side room', weekday: 4, startTime: '10:00', confirm: true }));
    if (!other.saved) throw new Error('not saved');
    const theirs = (await sessionsOf(other.group.id))[0]!;
    const mine = (await sessionsOf(groupId)).filter((s) => s.date > today && s.status === 'scheduled').at(-1)!;
    const onto = { id: mine.id, version: mine.version, date: theirs.date, startTime: '10:30', venue: 'Side room', facilitatorIds: [w.accounts.facilitator.id], reason: 'Trying a morning' };
    const clash = await call(w.backend, 'sessions.reschedule', onto);
    expect(clash.saved).toBe(false);
    expect(clash.warnings.map((x) => x.code).sort()).toEqual(['facilitator_clash', 'venue_clash']);
    expect((await sessionsOf(groupId)).find((s) => s.id === mine.id)!.date).toBe(mine.date);
    expect(await call(w.backend, 'sessions.changes', { sessionId: mine.id })).toEqual([]);

    const closed = addDays(today, 200);
    await call(w.backend, 'closures.add', { date: closed, name: 'Staff training day' });
    const closure = await call(w.backend, 'sessions.reschedule', { ...onto, date: closed, startTime: '18:30', venue: 'Main hall' });
    expect(!closure.saved && closure.warnings.map((x) => x.code)).toEqual(['closure']);

    const missed = (await sessionsOf(groupId)).filter((s) => s.date < today)[0]!;
    const catchUp = { missedSessionId: missed.id, participantId: men[0]!, date: theirs.date, startTime: '10:00', venue: 'Office', facilitatorId: w.accounts.facilitator.id };
    const booked = await call(w.backend, 'sessions.catchUp', catchUp);
    expect(!booked.saved && booked.warnings.map((x) => x.code)).toEqual(['facilitator_clash']);
    const past = await call(w.backend, 'sessions.catchUp', { ...catchUp, date: addDays(today, -1), startTime: '07:00' });
    expect(!past.saved && past.warnings.map((x) => x.code)).toContain('in_past');
    const onClosure = await call(w.backend, 'sessions.catchUp', { ...catchUp, date: closed });
    expect(!onClosure.saved && onClosure.warnings.map((x) => x.code)).toEqual(['closure']);
    expect((await call(w.backend, 'sessions.catchUp', { ...catchUp, confirm: true })).saved).toBe(true);
  });
});

describe('warnings when a group is created', () => {
  it('asks to confirm a capacity below 8 or above 12, and a schedule running past a year', async () => {
    const free = { venue: 'Annexe', weekday: 6, startTime: '09:00', facilitatorIds: [w.accounts.manager.id] };
    for (const capacity of [7, 13]) {
      const r = await call(w.backend, 'groups.create', groupInput({ ...free, name: `Cap ${capacity}`, capacity }));
      expect(!r.saved && r.warnings.map((x) => x.code)).toEqual(['capacity']);
    }
    const names = (await call(w.backend, 'groups.list', {})).map((g) => g.name);
    expect(names).not.toContain('Cap 7');
    for (const capacity of [8, 12]) {
      const r = await call(w.backend, 'groups.create', groupInput({ ...free, name: `Cap ${capacity}`, capacity, startTime: capacity === 8 ? '09:00' : '13:00' }));
      expect(r.saved).toBe(true);
    }
    const base = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    const long = await call(w.backend, 'programmes.save', { ...base, id: null, version: null, name: 'Sixty weeks', sessionsCount: 60 });
    const input = groupInput({ ...free, programmeTypeId: long.id, name: 'Long', weekday: 7, startTime: '11:00' });
    const asked = await call(w.backend, 'groups.create', input);
    expect(!asked.saved && asked.warnings.map((x) => x.code)).toEqual(['longer_than_a_year']);
    expect(!asked.saved && asked.warnings[0]!.message).toMatch(/more than a year/);
    const confirmed = await call(w.backend, 'groups.create', { ...input, confirm: true });
    expect(confirmed.saved && confirmed.group.sessionsTotal).toBe(60);
  });
});

describe('register history', () => {
  it('shows an earlier version of a register to facilitators and managers only', async () => {
    await w.loginAs('facilitator');
    const s = (await sessionsOf(groupId)).filter((x) => x.date < today)[1]!;
    await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [{ participantId: men[0]!, attendance: 'present', participation: 4, note: 'First note' }, { participantId: men[1]!, attendance: 'absent_reason', absenceReason: 'Ill' }], debrief: 'First debrief' });
    const edited = await call(w.backend, 'registers.save', { sessionId: s.id, version: 1, entries: [{ participantId: men[0]!, attendance: 'late', lateMinutes: 5, participation: 3, note: 'Changed note' }], debrief: 'Second debrief' });
    expect(edited.history).toEqual([expect.objectContaining({ version: 1, byName: 'Test facilitator' })]);
    const v1 = await call(w.backend, 'registers.version', { sessionId: s.id, version: 1 });
    expect(v1).toMatchObject({ version: 1, debrief: 'First debrief', byName: 'Test facilitator', interpreterPresent: false });
    expect(v1.entries).toEqual([
      expect.objectContaining({ participantId: men[0], attendance: 'present', note: 'First note', name: 'Hist0 Case' }),
      expect.objectContaining({ participantId: men[1], attendance: 'absent_reason', absenceReason: 'Ill' }),
    ]);
    expect((await callError(w.backend, 'registers.version', { sessionId: s.id, version: 2 })).code).toBe('NOT_FOUND');
    for (const role of ['partner_worker', 'admin'] as const) {
      await w.loginAs(role);
      expect((await callError(w.backend, 'registers.version', { sessionId: s.id, version: 1 })).code).toBe('FORBIDDEN');
    }
    await w.loginAs('manager');
    expect((await call(w.backend, 'registers.version', { sessionId: s.id, version: 1 })).entries).toHaveLength(2);
  });
});

describe('leaving a group', () => {
  it('tells the partner support service at once when he leaves, but not when he moves to another group', async () => {
    const other = await call(w.backend, 'groups.create', groupInput({ name: 'Move target', venue: 'Upstairs', weekday: 5, startTime: '14:00', facilitatorIds: [w.accounts.manager.id], confirm: true }));
    if (!other.saved) throw new Error('not saved');
    const enrolments = await call(w.backend, 'enrolments.forParticipant', { participantId: men[1]! });
    await call(w.backend, 'enrolments.move', { enrolmentId: enrolments.find((e) => e.status === 'active')!.id, toGroupId: other.group.id, reason: 'Evenings suit him', confirm: true });
    const exits = async (man: string) => (await call(w.backend, 'tasks.list', { scope: 'all', pageSize: 200 })).tasks.filter((t) => t.participantId === man && t.kind === 'partner_alert' && t.title.startsWith('He has left the programme'));
    expect(await exits(men[1]!)).toHaveLength(0);

    const active = (await call(w.backend, 'enrolments.forParticipant', { participantId: men[2]! })).find((e) => e.status === 'active')!;
    await call(w.backend, 'enrolments.leave', { enrolmentId: active.id, reason: 'Moved to another city', leftOn: today });
    const alerts = await exits(men[2]!);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ assigneeRole: 'partner_worker', dueOn: today, urgent: true });
    // Recording him as exited afterwards is the same event for her: still one open exit alert.
    const record = await call(w.backend, 'participants.get', { id: men[2]! });
    await call(w.backend, 'participants.setStatus', { id: men[2]!, version: record.version, status: 'exited', exitReason: 'moved_away', effectiveOn: today });
    expect(await exits(men[2]!)).toHaveLength(1);
  });
});

/** A well-formed input for each route, so the router reaches its permission check. */
function sampleInputs(): Partial<Record<RouteName, unknown>> {
  const id = randomUUID();
  const session = { id, version: 1 };
  const group = { programmeTypeId: id, name: 'x', venue: 'x', weekday: 1, startTime: '10:00', startDate: today, facilitatorIds: [id], capacity: 8, intake: 'closed' };
  return {
    'programmes.list': {},
    'programmes.save': { name: 'x', kind: 'group', sessionsCount: 3, sessionMinutes: 60 },
    'programmes.attendanceRules': {},
    'programmes.setAttendanceRules': { consecutiveAbsences: 2, totalAbsences: 3 },
    'curriculum.list': {},
    'curriculum.saveTheme': { name: 'x' },
    'curriculum.saveTemplate': { themeId: id, title: 'x' },
    'curriculum.reorderThemes': { ids: [id] },
    'curriculum.reorderTemplates': { ids: [id] },
    'closures.list': {},
    'closures.add': { date: today, name: 'x' },
    'closures.remove': { date: today },
    'groups.list': {},
    'groups.get': { id },
    'groups.create': group,
    'groups.update': { ...group, id, version: 1 },
    'groups.enrol': { groupId: id, participantIds: [id] },
    'enrolments.move': { enrolmentId: id, toGroupId: id, reason: 'x' },
    'enrolments.leave': { enrolmentId: id, reason: 'x', leftOn: today },
    'enrolments.forParticipant': { participantId: id },
    'sessions.calendar': { from: today, to: today },
    'sessions.withoutReadyPlan': {},
    'sessions.reschedule': { ...session, date: today, startTime: '10:00', venue: 'x', facilitatorIds: [id], reason: 'x' },
    'sessions.cancel': { ...session, reason: 'x' },
    'sessions.catchUp': { missedSessionId: id, participantId: id, date: today, startTime: '10:00', venue: 'x', facilitatorId: id },
    'sessions.changes': { sessionId: id },
    'plans.get': { sessionId: id },
    'plans.start': { sessionId: id, from: { kind: 'blank' } },
    'plans.save': { sessionId: id, title: 'x' },
    'registers.get': { sessionId: id },
    'registers.save': { sessionId: id, version: 0, entries: [] },
    'registers.version': { sessionId: id, version: 1 },
    'attendance.summary': { participantId: id },
  };
}

describe('role refusals for every route of the groupwork', () => {
  const areas = ['groups.', 'enrolments.', 'closures.', 'curriculum.', 'sessions.', 'plans.', 'registers.', 'programmes.', 'attendance.'];
  const routes = (Object.keys(api) as RouteName[]).filter((r) => areas.some((a) => r.startsWith(a)));

  it('has a sample input for every route, and the matrix refuses what it should', () => {
    const samples = sampleInputs();
    expect(routes.filter((r) => !(r in samples))).toEqual([]);
    const refused = (role: (typeof roles)[number]) => routes.filter((r) => !can(role, api[r].access as never)).sort();
    // Administrators run the system, not cases; partner workers see only his attendance and groups.
    expect(refused('admin')).toEqual([...routes].sort());
    expect(refused('partner_worker')).toEqual(routes.filter((r) => r !== 'enrolments.forParticipant' && r !== 'attendance.summary').sort());
    expect(refused('partner_worker')).toContain('registers.save');
    expect(refused('facilitator')).toEqual(
      ['programmes.save', 'programmes.setAttendanceRules', 'curriculum.saveTheme', 'curriculum.saveTemplate', 'curriculum.reorderThemes', 'curriculum.reorderTemplates', 'closures.add', 'closures.remove', 'groups.create', 'groups.update', 'groups.enrol', 'enrolments.move', 'enrolments.leave'].sort(),
    );
    expect(refused('manager')).toEqual([]);
  });

  for (const role of ['admin', 'partner_worker', 'facilitator'] as const) {
    it(`refuses ${role} on each route the matrix does not give them`, async () => {
      const samples = sampleInputs();
      await w.loginAs(role);
      for (const r of routes) {
        if (can(role, api[r].access as never)) continue;
        const error = await callError(w.backend, r, samples[r]);
        expect(error.code, r).toBe('FORBIDDEN');
      }
      await w.loginAs('manager');
    });
  }

  it('lets each allowed role through the permission check (the answer may be "not found")', async () => {
    const samples = sampleInputs();
    for (const role of ['facilitator', 'partner_worker'] as const) {
      await w.loginAs(role);
      for (const r of routes.filter((x) => !api[x].writes && can(role, api[x].access as never))) {
        const result = await w.backend.invoke(r, samples[r], { verified: true });
        if (!result.ok) expect(result.error.code, `${role} ${r}`).not.toBe('FORBIDDEN');
      }
    }
    await w.loginAs('manager');
  });
});


describe('one-to-one work', () => {
  it('refuses two facilitators, and an interpreter present with no name', async () => {
    const oneToOne = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'one_to_one')!;
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Solo', lastName: 'Interp', aliases: [], interpreterNeeded: true, language: 'Polish' }));
    const input = groupInput({ programmeTypeId: oneToOne.id, name: 'One-to-one: Solo', venue: 'Office 2', weekday: 1, startTime: '08:00', capacity: 1, participantId: id, startDate: addDays(today, -14), confirm: true });
    const two = await callError(w.backend, 'groups.create', { ...input, facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id] });
    expect(two.fields?.facilitatorIds).toMatch(/one facilitator/);
    const created = await call(w.backend, 'groups.create', input);
    if (!created.saved) throw new Error('not saved');
    const [first, , third] = await sessionsOf(created.group.id);
    const noName = await callError(w.backend, 'registers.save', { sessionId: first!.id, version: 0, entries: [{ participantId: id, attendance: 'present' }], interpreterPresent: true, interpreterName: ' ' });
    expect(noName.fields?.interpreterName).toMatch(/interpreter's name/);
    expect((await call(w.backend, 'registers.save', { sessionId: first!.id, version: 0, entries: [{ participantId: id, attendance: 'present' }], interpreterPresent: true, interpreterName: 'Anna K.' })).interpreterName).toBe('Anna K.');
    const move = await callError(w.backend, 'sessions.reschedule', { id: third!.id, version: third!.version, date: addDays(third!.date, 1), startTime: '08:00', venue: 'Office 2', facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id], reason: 'Cover', confirm: true });
    expect(move.fields?.facilitatorIds).toMatch(/one facilitator/);
    const update = await callError(w.backend, 'groups.update', { id: created.group.id, version: created.group.version, name: 'One-to-one: Solo', venue: 'Office 2', facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id], capacity: 1, intake: 'closed' });
    expect(update.fields?.facilitatorIds).toMatch(/one facilitator/);
  });
});

describe("the programme's objectives and the plans' aims", () => {
  it('keeps an editable list of objectives per programme; each aim links to one; old free-text objectives still show', async () => {
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.id === programmeId)!;
    // Shipped with our own wording; each organisation edits its own.
    expect(programme.objectives.map((o) => o.text)).toContain('Negotiate, listen and communicate with respect');
    const saved = await call(w.backend, 'programmes.save', { ...programme, objectives: [{ text: 'Non-abusive ways of handling conflict' }, { text: 'Responsibility without blaming' }] });
    const [conflict, responsibility] = saved.objectives;
    expect(conflict).toEqual({ id: expect.any(String), text: 'Non-abusive ways of handling conflict' });
    const reworded = await call(w.backend, 'programmes.save', { ...saved, objectives: [{ ...conflict!, text: 'Handling conflict without abuse' }, responsibility!] });
    expect(reworded.objectives[0]).toEqual({ id: conflict!.id, text: 'Handling conflict without abuse' });
    expect((await callError(w.backend, 'programmes.save', { ...reworded, objectives: [{ text: ' ' }] })).fields?.['objectives.0.text']).toBeDefined();

    await w.loginAs('facilitator');
    const s = (await sessionsOf(groupId)).filter((x) => x.date > today && x.status === 'scheduled' && x.planStatus === 'none')[0]!;
    const plan = await call(w.backend, 'plans.start', { sessionId: s.id, from: { kind: 'blank' } });
    expect(plan.objectiveChoices.map((o) => o.text)).toEqual(['Handling conflict without abuse', 'Responsibility without blaming']);
    const linked = await call(w.backend, 'plans.save', { ...plan, aims: ['Name one way to step back', 'Say what he did'], objectiveIds: [conflict!.id, null] });
    expect(linked.objectiveIds).toEqual([conflict!.id, null]);
    expect(linked.aimObjectives).toEqual(['Handling conflict without abuse', '']);
    const wrong = await callError(w.backend, 'plans.save', { ...linked, objectiveIds: [conflict!.id, randomUUID()] });
    expect(wrong.fields?.['objectiveIds.1']).toMatch(/programme’s objectives/);
    // A plan written before objectives were listed keeps its free text.
    const old = await call(w.backend, 'plans.save', { ...linked, objectiveIds: [], objectives: ['Respect', ''] });
    expect(old.aimObjectives).toEqual(['Respect', '']);
    await w.loginAs('manager');
  });
});
