/** The completion rule: judged against all of his programme's sessions, never rounded up. */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import type { RouteInput } from '../../../src/shared/api';
import { call } from '../helpers';
import { referralInput, today, worldForFile } from '../participants/fixtures';

const w = worldForFile('manager');

async function suitableMan(name: string) {
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: name, lastName: 'Rule', aliases: [] }));
  const r = await call(w.backend, 'participants.get', { id });
  await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
  return id;
}

async function groupWith(programmeTypeId: string, name: string, startDate: string, men: string[]) {
  const g = await call(w.backend, 'groups.create', { programmeTypeId, name, venue: `Room ${name}`, weekday: 3, startTime: '10:00', startDate, facilitatorIds: [w.accounts.facilitator.id], capacity: 8, intake: 'closed', confirm: true });
  if (!g.saved) throw new Error('not saved');
  await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: men, confirm: true });
  return (await call(w.backend, 'groups.get', { id: g.group.id })).sessions;
}

type Entry = RouteInput<'registers.save'>['entries'][number];
const present = (participantId: string): Entry => ({ participantId, attendance: 'present', participation: 4 });
const absent = (participantId: string): Entry => ({ participantId, attendance: 'absent_no_reason' });

async function completedWithoutReason(id: string) {
  const record = await call(w.backend, 'participants.get', { id });
  return w.backend.invoke('participants.setStatus', { id, version: record.version, status: 'completed', effectiveOn: today }, { verified: true });
}

describe('the completion rule', () => {
  it('at the end of a short programme: meets it, or not; 66.7% does not pass a 67% rule', async () => {
    const base = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    const short = await call(w.backend, 'programmes.save', { ...base, id: null, version: null, name: 'Three-week course', sessionsCount: 3, minAttendancePercent: 67, requiredThemeIds: [] });
    const [full, twoThirds] = [await suitableMan('Full'), await suitableMan('TwoThirds')];
    const sessions = await groupWith(short.id, 'Short', addDays(today, -60), [full, twoThirds]);
    expect(sessions.filter((s) => s.date < today)).toHaveLength(3);
    for (const [i, s] of sessions.entries()) {
      await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [present(full), i === 2 ? absent(twoThirds) : present(twoThirds)] });
    }
    const passed = (await call(w.backend, 'attendance.summary', { participantId: full }))!;
    expect(passed.completion).toMatchObject({ met: true, state: 'met' });
    expect(passed.completion!.reason).toMatch(/^Meets the completion rule: attended 3 of his 3 sessions \(100%/);
    expect((await completedWithoutReason(full)).ok).toBe(true);

    const failed = (await call(w.backend, 'attendance.summary', { participantId: twoThirds }))!;
    expect(failed).toMatchObject({ attended: 2, possible: 3 });
    expect(failed.completion).toMatchObject({ met: false, state: 'not_met' });
    // 2 of 3 is 66.67%: rounding would have made it 67% and let it pass.
    expect(failed.completion!.reason).toMatch(/^Does not meet the completion rule: attended 2 of his 3 sessions \(66%; the rule is at least 67%\)/);
    const refused = await completedWithoutReason(twoThirds);
    expect(!refused.ok && refused.error.fields?.reason).toMatch(/completion rule/);
  });

  it('a required theme not attended fails the rule at the end', async () => {
    const base = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
    const themes = await call(w.backend, 'curriculum.list', {});
    const short = await call(w.backend, 'programmes.save', { ...base, id: null, version: null, name: 'Two-week course', sessionsCount: 2, minAttendancePercent: 50, themeIds: [themes[0]!.id], requiredThemeIds: [themes[1]!.id] });
    const man = await suitableMan('Themeless');
    const sessions = await groupWith(short.id, 'Themes', addDays(today, -40), [man]);
    for (const s of sessions) await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [present(man)] });
    const summary = (await call(w.backend, 'attendance.summary', { participantId: man }))!;
    expect(summary.completion).toMatchObject({ met: false, state: 'not_met' });
    expect(summary.completion!.reason).toContain(`required theme not yet attended: ${themes[1]!.name}`);
  });

  it('mid-programme: 100% so far is on track, not complete; too many absences cannot now meet it', async () => {
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group' && p.sessionsCount === 26)!;
    const [keen, behind, gone] = [await suitableMan('Keen'), await suitableMan('Behind'), await suitableMan('Gone')];
    const sessions = await groupWith(programme.id, 'Long', addDays(today, -70), [keen, behind, gone]);
    const past = sessions.filter((s) => s.date < today);
    // About ten held: three missed of ten is below 75% so far, yet he can still reach 20 of 26.
    expect(past.length).toBeGreaterThanOrEqual(8);
    expect(sessions).toHaveLength(26);
    for (const [i, s] of past.entries()) {
      await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries: [present(keen), i < 3 ? absent(behind) : present(behind), absent(gone)] });
    }
    const onTrack = (await call(w.backend, 'attendance.summary', { participantId: keen }))!;
    expect(onTrack).toMatchObject({ attended: past.length, possible: past.length });
    expect(onTrack.completion).toMatchObject({ met: false, state: 'on_track' });
    expect(onTrack.completion!.reason).toContain(`${26 - past.length} of his 26 sessions are still to come`);
    expect(onTrack.completion!.reason).toMatch(/^On track for the completion rule, not yet complete/);
    // He cannot be recorded as completed before his sessions are done, without a reason.
    const refused = await completedWithoutReason(keen);
    expect(!refused.ok && refused.error.fields?.reason).toMatch(/completion rule/);

    const late = (await call(w.backend, 'attendance.summary', { participantId: behind }))!;
    expect(late.completion).toMatchObject({ met: false, state: 'behind' });
    expect(late.completion!.reason).toMatch(/^Behind the completion rule/);

    const cannot = (await call(w.backend, 'attendance.summary', { participantId: gone }))!;
    expect(cannot.completion).toMatchObject({ met: false, state: 'cannot_meet' });
    expect(cannot.completion!.reason).toMatch(/^Cannot now meet the completion rule: attended 0 of \d+ sessions so far/);
    expect(cannot.completion!.reason).toContain('below the 20 needed (the rule is at least 75%)');
  });
});
