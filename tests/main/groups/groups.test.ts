import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { isoWeekday } from '../../../src/main/features/groups/schedule';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
const men: string[] = [];
let programmeId: string;
let oneToOneId: string;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  // Give the pair their genders, so the pairing note can be checked.
  const staff = await (async () => {
    await w.loginAs('admin');
    const list = await call(w.backend, 'staff.list', {});
    const fac = list.find((s) => s.role === 'facilitator')!;
    const man = list.find((s) => s.role === 'manager')!;
    await call(w.backend, 'staff.update', { ...fac, gender: 'woman' });
    await call(w.backend, 'staff.update', { ...man, gender: 'woman' });
    return list;
  })();
  expect(staff.length).toBe(4);
  await w.loginAs('manager');
  const programmes = await call(w.backend, 'programmes.list', {});
  programmeId = programmes.find((p) => p.kind === 'group')!.id;
  oneToOneId = programmes.find((p) => p.kind === 'one_to_one')!.id;
  for (let i = 0; i < 11; i++) {
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: `Man${i}`, lastName: 'Groupwork', aliases: [], dateOfBirth: `198${i % 10}-01-01` }));
    const r = await call(w.backend, 'participants.get', { id });
    const assessed = await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: i === 10 ? 'not_suitable' : 'suitable_group', reason: i === 10 ? 'Denies' : '', effectiveOn: today });
    if (i < 10) await call(w.backend, 'participants.setStatus', { id, version: assessed.version, status: 'waiting_list', effectiveOn: today });
    men.push(id);
  }
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

const groupInput = (over: Partial<RouteInput<'groups.create'>> = {}): RouteInput<'groups.create'> => ({
  programmeTypeId: programmeId,
  name: 'Tuesday group',
  venue: 'Community Centre, Room 2',
  weekday: 2,
  startTime: '18:30',
  startDate: addDays(today, -60),
  facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id],
  capacity: 10,
  intake: 'closed',
  ...over,
});

describe('programmes and curriculum', () => {
  it('ships the programme types and the eight themes, which managers can edit and reorder', async () => {
    const programmes = await call(w.backend, 'programmes.list', {});
    expect(programmes.find((p) => p.kind === 'group')).toMatchObject({ sessionsCount: 26, sessionMinutes: 150 });
    const themes = await call(w.backend, 'curriculum.list', {});
    expect(themes.map((t) => t.name)).toEqual(['Non-violence', 'Non-threatening behaviour', 'Respect', 'Support and trust', 'Honesty and accountability', 'Sexual respect', 'Partnership', 'Negotiation and fairness']);
    expect(themes[0]!.templates[0]!.activities.length).toBeGreaterThan(0);
    const added = await call(w.backend, 'curriculum.saveTheme', { name: 'Parenting after abuse', sessionsCount: 2 });
    const reordered = await call(w.backend, 'curriculum.reorderThemes', { ids: [added.id, ...themes.map((t) => t.id)] });
    expect(reordered[0]!.name).toBe('Parenting after abuse');
    await call(w.backend, 'curriculum.reorderThemes', { ids: [...themes.map((t) => t.id), added.id] });
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'curriculum.saveTheme', { name: 'x' })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'programmes.save', { name: 'x', kind: 'group', sessionsCount: 3, sessionMinutes: 60 })).code).toBe('FORBIDDEN');
    await w.loginAs('manager');
  });
});

describe('groups, enrolment and registers', () => {
  let groupId: string;

  it('warns before saving (start in the past, the pair), then creates the schedule with themes, skipping closures', async () => {
    const first = await call(w.backend, 'groups.create', groupInput());
    expect(first.saved).toBe(false);
    expect(first.warnings.map((x) => x.code)).toContain('start_in_past');
    const created = await call(w.backend, 'groups.create', groupInput({ confirm: true }));
    if (!created.saved) throw new Error('not saved');
    groupId = created.group.id;
    expect(created.group.sessionsTotal).toBe(26);
    expect(created.group.notes.join(' ')).toMatch(/not one man and one woman/);
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    expect(detail.sessions.every((s) => isoWeekday(s.date) === 2 && s.startTime === '18:30')).toBe(true);
    const closures = new Set((await call(w.backend, 'closures.list', {})).map((c) => c.date));
    expect(detail.sessions.some((s) => closures.has(s.date))).toBe(false);
    expect(detail.sessions[0]!.themeName).toBe('Non-violence');
    expect(detail.sessions[3]!.themeName).toBe('Non-threatening behaviour');
  });

  it('warns of a facilitator or venue booked twice', async () => {
    const clash = await call(w.backend, 'groups.create', groupInput({ name: 'Clash', startDate: addDays(today, 7), capacity: 10 }));
    expect(clash.saved).toBe(false);
    expect(clash.warnings.map((x) => x.code)).toEqual(expect.arrayContaining(['facilitator_clash', 'venue_clash']));
  });

  it('enrols from the waiting list; someone not suitable needs a reason; over capacity is a warning', async () => {
    const refused = await callError(w.backend, 'groups.enrol', { groupId, participantIds: [men[10]!] });
    expect(refused.fields?.overrideReason).toBeDefined();
    const over = await call(w.backend, 'groups.enrol', { groupId, participantIds: men.slice(0, 10).concat(men[10]!), overrideReason: 'Agreed at case review' });
    expect(over.saved).toBe(false);
    expect(over.warnings.map((x) => x.code)).toContain('over_capacity');
    const enrolled = await call(w.backend, 'groups.enrol', { groupId, participantIds: men.slice(0, 10), confirm: true });
    expect(enrolled.saved && enrolled.enrolments.length).toBe(10);
    expect((await call(w.backend, 'participants.get', { id: men[0]! })).header.status).toBe('active');
    expect((await callError(w.backend, 'groups.enrol', { groupId, participantIds: [men[0]!] })).code).toBe('CONFLICT');
  });

  it('plans a session from a template; the total is checked against the session length', async () => {
    await w.loginAs('manager');
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const session = detail.sessions.find((s) => s.date >= today) ?? detail.sessions.at(-1)!;
    const themes = await call(w.backend, 'curriculum.list', {});
    const template = themes.find((t) => t.id === session.themeId)!.templates[0]!;
    await w.loginAs('facilitator');
    const plan = await call(w.backend, 'plans.start', { sessionId: session.id, from: { kind: 'template', templateId: template.id } });
    expect(plan).toMatchObject({ title: template.title, status: 'draft', sessionMinutes: 150 });
    const tooLong = await callError(w.backend, 'plans.save', { ...plan, activities: [...plan.activities, { title: 'Extra', minutes: 200 }], status: 'ready' });
    expect(tooLong.fields?.activities).toMatch(/longer|minutes/);
    const ready = await call(w.backend, 'plans.save', { ...plan, materials: plan.materials.map((m) => ({ ...m, ready: true })), status: 'ready' });
    expect(ready.status).toBe('ready');
    expect((await callError(w.backend, 'plans.save', { ...plan, status: 'draft' })).code).toBe('CONFLICT');
  });

  it('takes a register with each attendance state, keeps history, and refuses bad registers', async () => {
    await w.loginAs('facilitator');
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const past = detail.sessions.filter((s) => s.date < today);
    const future = detail.sessions.find((s) => s.date > today)!;
    const s1 = past[0]!;
    const entries = (states: string[]): RouteInput<'registers.save'>['entries'] =>
      men.slice(0, 5).map((participantId, i) => ({
        participantId,
        attendance: states[i] as never,
        lateMinutes: states[i] === 'late' ? 10 : null,
        absenceReason: states[i] === 'absent_reason' ? 'Hospital appointment' : '',
        participation: states[i]!.startsWith('absent') ? null : 4,
        note: states[i]!.startsWith('absent') ? '' : 'Engaged well; spoke about his son.',
      }));
    expect((await callError(w.backend, 'registers.save', { sessionId: future.id, version: 0, entries: [] })).message).toMatch(/not happened yet/);
    const twice = [{ participantId: men[0]!, attendance: 'present' as const }, { participantId: men[0]!, attendance: 'present' as const }];
    expect((await callError(w.backend, 'registers.save', { sessionId: s1.id, version: 0, entries: twice })).fields?.['entries.1.participantId']).toMatch(/twice/);
    expect((await callError(w.backend, 'registers.save', { sessionId: s1.id, version: 0, entries: [{ participantId: men[10]!, attendance: 'present' }] })).fields?.['entries.0.participantId']).toMatch(/not enrolled/);

    const saved = await call(w.backend, 'registers.save', { sessionId: s1.id, version: 0, entries: entries(['present', 'late', 'left_early', 'absent_reason', 'absent_no_reason']), debrief: 'Good first session.' });
    expect(saved.version).toBe(1);
    expect(saved.entries.find((e) => e.participantId === men[1])).toMatchObject({ attendance: 'late', lateMinutes: 10 });
    const edited = await call(w.backend, 'registers.save', { sessionId: s1.id, version: 1, entries: entries(['present', 'late', 'left_early', 'absent_reason', 'absent_no_reason']), debrief: 'Good first session; one man left early.' });
    expect(edited.history).toHaveLength(1);
    expect((await callError(w.backend, 'registers.save', { sessionId: s1.id, version: 1, entries: [] })).code).toBe('CONFLICT');

    const summary = await call(w.backend, 'attendance.summary', { participantId: men[3]! });
    expect(summary).toMatchObject({ possible: 1, attended: 0, absentWithReason: 1 });
    expect(summary!.sessions[0]!.reason).toBe('Hospital appointment');
    expect(summary!.byTheme[0]).toMatchObject({ themeName: 'Non-violence', possible: 1 });
    expect(summary!.completion!.met).toBe(false);
  });

  it('alerts the partner service to each absence without reason, and raises exactly one exit review per rule, on the register that breaks it', async () => {
    await w.loginAs('facilitator');
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const past = detail.sessions.filter((s) => s.date < today);
    const tasksOf = async (man: string) => {
      await w.loginAs('manager');
      const list = (await call(w.backend, 'tasks.list', { scope: 'all', pageSize: 200 })).tasks.filter((t) => t.participantId === man);
      await w.loginAs('facilitator');
      return list;
    };
    const reviewsOf = async (man: string) => (await tasksOf(man)).filter((t) => t.kind === 'exit_review').map((t) => t.title).sort();
    // Man 4 was absent without reason in session 1; again in session 2 (2 in a row), then in session 4 (3 in all).
    const take = (session: (typeof past)[number], absent: boolean, man = men[4]!) =>
      call(w.backend, 'registers.save', { sessionId: session.id, version: 0, entries: [{ participantId: man, attendance: absent ? 'absent_no_reason' : 'present', participation: absent ? null : 3 }] });
    expect(await reviewsOf(men[4]!)).toEqual([]);
    await take(past[1]!, true);
    expect(await reviewsOf(men[4]!)).toEqual([expect.stringMatching(/^Exit review: 2 absences in a row/)]);
    await take(past[2]!, false);
    expect(await reviewsOf(men[4]!)).toHaveLength(1);
    await take(past[3]!, true);
    expect(await reviewsOf(men[4]!)).toEqual([expect.stringMatching(/^Exit review: 2 absences in a row/), expect.stringMatching(/^Exit review: 3 absences without reason in all/)]);
    const tasks = await tasksOf(men[4]!);
    // Each absence without reason is an alert for the partner support service (no partner is on record for him yet).
    const alerts = tasks.filter((t) => t.kind === 'partner_alert' && t.title.startsWith('Unplanned absence'));
    expect(alerts).toHaveLength(3);
    expect(alerts.every((t) => t.assigneeRole === 'partner_worker' && t.dueOn === today)).toBe(true);
    // Starting the programme was an alert too.
    expect(tasks.filter((t) => t.kind === 'partner_alert' && t.title.startsWith('He has started'))).toHaveLength(1);
    // Saving again does not raise them again.
    const reg = await call(w.backend, 'registers.get', { sessionId: past[3]!.id });
    await call(w.backend, 'registers.save', { sessionId: past[3]!.id, version: reg.version, entries: [{ participantId: men[4]!, attendance: 'absent_no_reason' }] });
    expect(await reviewsOf(men[4]!)).toHaveLength(2);
    expect((await tasksOf(men[4]!)).filter((t) => t.kind === 'partner_alert' && t.title.startsWith('Unplanned absence'))).toHaveLength(3);

    // Changed rules take effect on the next register: one absence is now enough for a review, two in all for the other.
    await w.loginAs('manager');
    await call(w.backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 1, totalAbsences: 2 });
    await w.loginAs('facilitator');
    await take(past[5]!, true, men[7]!);
    expect(await reviewsOf(men[7]!)).toEqual([expect.stringMatching(/^Exit review: 1 absence in a row/)]);
    await take(past[6]!, true, men[7]!);
    expect(await reviewsOf(men[7]!)).toEqual([expect.stringMatching(/^Exit review: 1 absence in a row/), expect.stringMatching(/^Exit review: 2 absences without reason in all/)]);
    await w.loginAs('manager');
    await call(w.backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 2, totalAbsences: 3 });
  });

  it('turns concerns into tasks; a child-protection concern flags his record', async () => {
    await w.loginAs('facilitator');
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const s = detail.sessions.filter((x) => x.date < today)[4]!;
    await call(w.backend, 'registers.save', {
      sessionId: s.id,
      version: 0,
      entries: [
        { participantId: men[5]!, attendance: 'present', participation: 2, concern: 'child_protection', concernNote: 'Said he hit his son.' },
        { participantId: men[6]!, attendance: 'present', participation: 3, concern: 'risk', concernNote: 'Angry about contact.' },
      ],
    });
    const record = await call(w.backend, 'participants.get', { id: men[5]! });
    expect(record.header.flags).toContain('safeguarding');
    expect((await call(w.backend, 'safeguarding.list', { participantId: men[5]! }))[0]).toMatchObject({ kind: 'child_protection', status: 'open', what: 'Said he hit his son.' });
    expect(record.openTasks.find((t) => t.kind === 'concern')).toMatchObject({ urgent: true });
    expect((await call(w.backend, 'participants.get', { id: men[6]! })).openTasks.find((t) => t.kind === 'concern')).toBeDefined();
    expect((await callError(w.backend, 'registers.save', { sessionId: s.id, version: 1, entries: [{ participantId: men[5]!, attendance: 'present', concern: 'risk' }] })).fields?.['entries.0.concernNote']).toBeDefined();
  });

  it('shows the calendar, filtered; reschedules, cancels and books a catch-up', async () => {
    await w.loginAs('facilitator');
    const month = await call(w.backend, 'sessions.calendar', { from: addDays(today, -30), to: today });
    expect(month.length).toBeGreaterThan(0);
    expect((await call(w.backend, 'sessions.calendar', { from: addDays(today, -30), to: today, venue: 'Nowhere' }))).toEqual([]);
    expect((await call(w.backend, 'sessions.calendar', { from: addDays(today, -30), to: today, facilitatorId: w.accounts.facilitator.id })).length).toBe(month.length);
    expect((await callError(w.backend, 'sessions.calendar', { from: today, to: addDays(today, 200) })).fields?.to).toBeDefined();
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const upcoming = detail.sessions.filter((s) => s.date > today);
    const moved = await call(w.backend, 'sessions.reschedule', { id: upcoming[0]!.id, version: upcoming[0]!.version, date: addDays(upcoming[0]!.date, 1), startTime: '18:30', venue: 'Room 3', facilitatorIds: [w.accounts.facilitator.id], reason: 'Room double-booked', confirm: true });
    expect(moved.saved && moved.session.venue).toBe('Room 3');
    const cancelled = await call(w.backend, 'sessions.cancel', { id: upcoming[1]!.id, version: upcoming[1]!.version, reason: 'Snow' });
    expect(cancelled.status).toBe('cancelled');
    const missed = detail.sessions.filter((s) => s.date < today)[0]!;
    const catchUp = await call(w.backend, 'sessions.catchUp', { missedSessionId: missed.id, participantId: men[3]!, date: addDays(today, 3), startTime: '10:00', venue: 'Office', facilitatorId: w.accounts.facilitator.id, confirm: true });
    expect(catchUp.saved && catchUp.session).toMatchObject({ themeId: missed.themeId, participantId: men[3] });
  });

  it('runs one-to-one work for one man with an interpreter recorded on the register', async () => {
    await w.loginAs('manager');
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Solo', lastName: 'Case', aliases: [], interpreterNeeded: true, language: 'Polish' }));
    const created = await call(w.backend, 'groups.create', { ...groupInput({ programmeTypeId: oneToOneId, name: 'One-to-one: Solo', venue: 'Office', weekday: 4, startTime: '11:00', facilitatorIds: [w.accounts.facilitator.id], capacity: 1, participantId: id, interpreterNeeded: true, startDate: addDays(today, -14) }), confirm: true });
    if (!created.saved) throw new Error('not saved');
    expect(created.group.enrolled).toBe(1);
    const first = (await call(w.backend, 'groups.get', { id: created.group.id })).sessions[0]!;
    const reg = await call(w.backend, 'registers.save', { sessionId: first.id, version: 0, entries: [{ participantId: id, attendance: 'present', participation: 4 }], interpreterPresent: true, interpreterName: 'Anna K.' });
    expect(reg).toMatchObject({ interpreterPresent: true, interpreterName: 'Anna K.' });
  });

  it('refuses roles that may not: partner workers take no registers, facilitators create no groups', async () => {
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    await w.loginAs('partner_worker');
    expect((await callError(w.backend, 'registers.save', { sessionId: detail.sessions[0]!.id, version: 0, entries: [] })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'groups.list', {})).code).toBe('FORBIDDEN');
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'groups.create', groupInput())).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'groups.enrol', { groupId, participantIds: [men[0]!] })).code).toBe('FORBIDDEN');
    await w.loginAs('admin');
    expect((await callError(w.backend, 'sessions.calendar', { from: today, to: today })).code).toBe('FORBIDDEN');
    await w.loginAs('manager');
  });
});
