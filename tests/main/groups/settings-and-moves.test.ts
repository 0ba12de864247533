import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { isoWeekday } from '../../../src/main/features/groups/schedule';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

async function suitableMan(name: string) {
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: name, lastName: 'Mover', aliases: [] }));
  const r = await call(w.backend, 'participants.get', { id });
  await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
  return id;
}

describe('programme settings', () => {
  it('edits a programme type, templates, closures and the attendance rules', async () => {
    const [group] = (await call(w.backend, 'programmes.list', {})).filter((p) => p.kind === 'group');
    const themes = await call(w.backend, 'curriculum.list', {});
    const saved = await call(w.backend, 'programmes.save', { ...group!, sessionsCount: 30, requiredThemeIds: [themes[0]!.id] });
    expect(saved).toMatchObject({ sessionsCount: 30, version: group!.version + 1 });
    expect((await callError(w.backend, 'programmes.save', { ...group!, sessionsCount: 31 })).code).toBe('CONFLICT');
    expect((await callError(w.backend, 'programmes.save', { ...saved, sessionMinutes: 5 })).fields?.sessionMinutes).toBeDefined();
    await call(w.backend, 'programmes.save', { ...saved, sessionsCount: 26 });

    const t = themes[0]!.templates[0]!;
    const template = await call(w.backend, 'curriculum.saveTemplate', { ...t, title: 'What counts as abuse (our version)' });
    expect(template.title).toBe('What counts as abuse (our version)');
    const added = await call(w.backend, 'curriculum.saveTemplate', { themeId: themes[0]!.id, title: 'Extra session', activities: [{ title: 'Discussion', minutes: 60 }] });
    const reordered = await call(w.backend, 'curriculum.reorderTemplates', { ids: [added.id, ...themes[0]!.templates.map((x) => x.id)] });
    expect(reordered[0]!.templates[0]!.id).toBe(added.id);

    const closures = await call(w.backend, 'closures.add', { date: addDays(today, 7), name: 'Staff training day' });
    expect(closures.find((c) => c.date === addDays(today, 7))?.name).toBe('Staff training day');
    expect((await call(w.backend, 'closures.remove', { date: addDays(today, 7) })).find((c) => c.date === addDays(today, 7))).toBeUndefined();
    expect((await callError(w.backend, 'closures.add', { date: 'tomorrow', name: 'x' })).fields?.date).toBeDefined();

    expect(await call(w.backend, 'programmes.attendanceRules', {})).toEqual({ consecutiveAbsences: 2, totalAbsences: 3 });
    expect(await call(w.backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 3, totalAbsences: 4 })).toEqual({ consecutiveAbsences: 3, totalAbsences: 4 });
    await call(w.backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 2, totalAbsences: 3 });
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'programmes.setAttendanceRules', { consecutiveAbsences: 5, totalAbsences: 5 })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'closures.add', { date: today, name: 'x' })).code).toBe('FORBIDDEN');
    await w.loginAs('manager');
  });
});

describe('enrolment changes and the completion rule', () => {
  it('moves a man between groups, lets him leave, lists his enrolments; rolling joiners start at a theme', async () => {
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    const base = { programmeTypeId: programme.id, weekday: 3, startTime: '10:00', facilitatorIds: [w.accounts.facilitator.id], capacity: 8, confirm: true };
    const a = await call(w.backend, 'groups.create', { ...base, name: 'A', venue: 'Room A', startDate: addDays(today, -21), intake: 'rolling' });
    const b = await call(w.backend, 'groups.create', { ...base, name: 'B', venue: 'Room B', startDate: addDays(today, 1), startTime: '14:00', intake: 'closed' });
    if (!a.saved || !b.saved) throw new Error('not saved');
    const detailA = await call(w.backend, 'groups.get', { id: a.group.id });
    // Group A has met twice (theme 1, sessions 1 and 2); a new joiner on a rolling group starts at session 4, the next theme.
    for (const s of detailA.sessions.filter((x) => x.date < today).slice(0, 2)) {
      await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [] });
    }
    const man = await suitableMan('Rolling');
    const enrolled = await call(w.backend, 'groups.enrol', { groupId: a.group.id, participantIds: [man], confirm: true });
    if (!enrolled.saved) throw new Error('not enrolled');
    expect(enrolled.enrolments[0]!.firstSessionNumber).toBe(4);

    const moved = await call(w.backend, 'enrolments.move', { enrolmentId: enrolled.enrolments[0]!.id, toGroupId: b.group.id, reason: 'Day suits his work better' });
    expect(moved.saved && moved.enrolments[0]!.groupId).toBe(b.group.id);
    const history = await call(w.backend, 'enrolments.forParticipant', { participantId: man });
    expect(history.map((e) => e.status).sort()).toEqual(['active', 'moved']);
    const current = history.find((e) => e.status === 'active')!;
    expect((await callError(w.backend, 'enrolments.leave', { enrolmentId: current.id, reason: 'x', leftOn: addDays(today, -400) })).fields?.leftOn).toBeDefined();
    const left = await call(w.backend, 'enrolments.leave', { enrolmentId: current.id, reason: 'Moved away', leftOn: today });
    expect(left.status).toBe('left');
    expect((await callError(w.backend, 'enrolments.leave', { enrolmentId: current.id, reason: 'again', leftOn: today })).code).toBe('CONFLICT');

    const updated = await call(w.backend, 'groups.update', { id: b.group.id, version: b.group.version, name: 'B (renamed)', venue: 'Room B', facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id], capacity: 9, intake: 'closed', interpreterNeeded: false });
    expect(updated.saved && updated.group).toMatchObject({ name: 'B (renamed)', capacity: 9 });
  });

  it('shows this week’s sessions without a ready plan, until its plan is marked ready', async () => {
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    // A group whose first session is today, so this week has a session for certain.
    const g = await call(w.backend, 'groups.create', { programmeTypeId: programme.id, name: 'This week', venue: 'Room W', weekday: isoWeekday(today), startTime: '07:00', startDate: today, facilitatorIds: [w.accounts.facilitator.id], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('not saved');
    const first = (await call(w.backend, 'groups.get', { id: g.group.id })).sessions[0]!;
    expect(first.date).toBe(today);
    await w.loginAs('facilitator');
    const week = await call(w.backend, 'sessions.withoutReadyPlan', {});
    expect(week.filter((s) => s.id === first.id)).toHaveLength(1);
    for (const s of week) expect(s.planStatus).not.toBe('ready');
    expect(await call(w.backend, 'plans.get', { sessionId: first.id })).toBeNull();
    const plan = await call(w.backend, 'plans.start', { sessionId: first.id, from: { kind: 'blank' } });
    expect((await call(w.backend, 'plans.get', { sessionId: first.id }))?.title).toBe(plan.title);
    // A draft still counts as not ready.
    expect((await call(w.backend, 'sessions.withoutReadyPlan', {})).find((s) => s.id === first.id)?.planStatus).toBe('draft');
    await call(w.backend, 'plans.save', { ...plan, status: 'ready' });
    expect((await call(w.backend, 'sessions.withoutReadyPlan', {})).some((s) => s.id === first.id)).toBe(false);
    await w.loginAs('manager');
  });

  it('records "completed" only when the completion rule is met, or with a reason', async () => {
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    const g = await call(w.backend, 'groups.create', { programmeTypeId: programme.id, name: 'C', venue: 'Room C', weekday: 5, startTime: '10:00', startDate: addDays(today, -30), facilitatorIds: [w.accounts.facilitator.id], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('not saved');
    const man = await suitableMan('Completer');
    await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: [man], confirm: true });
    const sessions = (await call(w.backend, 'groups.get', { id: g.group.id })).sessions.filter((s) => s.date < today);
    for (const [i, s] of sessions.entries()) {
      await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [{ participantId: man, attendance: i === 0 ? 'absent_reason' : 'absent_no_reason', absenceReason: i === 0 ? 'Unwell' : '' }] });
    }
    const record = await call(w.backend, 'participants.get', { id: man });
    const refused = await callError(w.backend, 'participants.setStatus', { id: man, version: record.version, status: 'completed', effectiveOn: today });
    expect(refused.fields?.reason).toMatch(/completion rule/);
    const done = await call(w.backend, 'participants.setStatus', { id: man, version: record.version, status: 'completed', reason: 'Completed the programme one-to-one instead', effectiveOn: today });
    expect(done.header.status).toBe('completed');
  });
});
