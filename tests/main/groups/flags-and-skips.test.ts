/**
 * Groups show each man's flags; enrolling a man who needs an interpreter (on a
 * group without one) or is high-profile asks first; the schedule names the
 * closure dates it skipped, with their reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { firstOnWeekday } from '../../../src/main/features/groups/schedule';
import { call, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let programmeId: string;
const men: Record<'plain' | 'interpreter' | 'highProfile', string> = { plain: '', interpreter: '', highProfile: '' };
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  programmeId = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!.id;
  const flags = { plain: {}, interpreter: { interpreterNeeded: true, language: 'Polish' }, highProfile: { highProfile: true } };
  for (const [who, extra] of Object.entries(flags) as Array<[keyof typeof men, object]>) {
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: who, lastName: 'Flagged', aliases: [], ...extra }));
    const r = await call(w.backend, 'participants.get', { id });
    const assessed = await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    await call(w.backend, 'participants.setStatus', { id, version: assessed.version, status: 'waiting_list', effectiveOn: today });
    men[who] = id;
  }
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

async function newGroup(name: string, interpreterNeeded = false, startDate = addDays(today, 7)) {
  const created = await call(w.backend, 'groups.create', { programmeTypeId: programmeId, name, venue: `Room ${name}`, weekday: 2, startTime: '18:30', startDate, facilitatorIds: [w.accounts.facilitator.id], capacity: 10, intake: 'closed', interpreterNeeded, confirm: true });
  if (!created.saved) throw new Error('not saved');
  return created.group.id;
}

describe('enrolling men with flags', () => {
  it('asks first for a man who needs an interpreter or is high-profile, and enrols once confirmed', async () => {
    const groupId = await newGroup('Flags');
    const asked = await call(w.backend, 'groups.enrol', { groupId, participantIds: [men.plain, men.interpreter, men.highProfile], overrideReason: '', confirm: false });
    expect(asked.saved).toBe(false);
    expect(asked.warnings.map((x) => x.code).sort()).toEqual(['high_profile', 'interpreter']);
    expect(asked.warnings.find((x) => x.code === 'interpreter')!.message).toMatch(/needs an interpreter.*one-to-one/);
    // Nothing was enrolled by the question.
    expect((await call(w.backend, 'groups.get', { id: groupId })).enrolments).toHaveLength(0);
    const done = await call(w.backend, 'groups.enrol', { groupId, participantIds: [men.plain, men.interpreter, men.highProfile], overrideReason: '', confirm: true });
    expect(done.saved).toBe(true);
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const flagsOf = (id: string) => detail.enrolments.find((e) => e.participantId === id)!.flags;
    expect(flagsOf(men.plain)).toEqual([]);
    expect(flagsOf(men.interpreter)).toContain('interpreter');
    expect(flagsOf(men.highProfile)).toContain('high_profile');
  });

  it('a man with no flags is enrolled without a question; an interpreter on the group means no question for him', async () => {
    const plainGroup = await newGroup('Plain');
    // He is on the first group already, so only that is asked about.
    const plain = await call(w.backend, 'groups.enrol', { groupId: plainGroup, participantIds: [men.plain], overrideReason: '', confirm: false });
    expect(plain.warnings.map((x) => x.code)).toEqual(['other_group']);
    const withInterpreter = await newGroup('Interpreted', true);
    const result = await call(w.backend, 'groups.enrol', { groupId: withInterpreter, participantIds: [men.interpreter], overrideReason: '', confirm: false });
    // Only "on another group as well" may be asked: not the interpreter.
    expect(result.warnings.map((x) => x.code)).not.toContain('interpreter');
  });
});

describe('the schedule names the dates it skipped', () => {
  it('lists closures on the group day within the schedule, with their reason, and no others', async () => {
    const start = firstOnWeekday(addDays(today, 30), 2);
    await call(w.backend, 'closures.add', { date: addDays(start, 14), name: 'Staff training day' });
    await call(w.backend, 'closures.add', { date: addDays(start, 15), name: 'Not our day' });
    const groupId = await newGroup('Skips', false, start);
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    const skipped = detail.skippedDates.filter((s) => s.date >= start && s.date <= addDays(start, 30));
    expect(skipped).toEqual([{ date: addDays(start, 14), reason: 'Staff training day' }]);
    expect(detail.sessions.map((s) => s.date)).not.toContain(addDays(start, 14));
  });
});
