/**
 * The manager's dashboard (issue 18, part 4) against a hand-made caseload: caseload by status,
 * waiting times (median and longest), attendance this quarter, risk levels now, and overdue
 * reviews and follow-ups. Every expected figure below is worked out from the records this file
 * makes, not read back from the program.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import type { RouteInput } from '../../../src/shared/api';
import { quarterStart } from '../../../src/main/features/outcomes/dashboard';
import { call } from '../helpers';
import { referralInput, today, worldForFile } from '../participants/fixtures';

const w = worldForFile('manager', 120_000);

async function referred(name: string, daysAgo: number): Promise<string> {
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: name, lastName: 'Dash', aliases: [] }, { receivedOn: addDays(today, -daysAgo) }));
  return id;
}
async function assess(id: string) {
  const r = await call(w.backend, 'participants.get', { id });
  await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: addDays(today, -1) });
}

type Entry = RouteInput<'registers.save'>['entries'][number];

describe("the manager's dashboard", () => {
  it('gives the numbers a hand count of the records gives', async () => {
    // Waiting: Ash referred 30 days ago, Bea 10 days ago (both still referred), Cal 50 days ago and assessed.
    const ash = await referred('Ash', 30);
    await referred('Bea', 10);
    const cal = await referred('Cal', 50);
    await assess(cal);
    // On a group: Dev, Eli and Gus (referred long ago, so they are not waiting once they start).
    const [dev, eli, gus] = [await referred('Dev', 200), await referred('Eli', 200), await referred('Gus', 200)];
    for (const id of [dev, eli, gus]) await assess(id);
    const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group' && p.sessionsCount === 26)!;
    const g = await call(w.backend, 'groups.create', { programmeTypeId: programme.id, name: 'Dashboard', venue: 'Room D', weekday: 2, startTime: '10:00', startDate: addDays(today, -150), facilitatorIds: [w.accounts.facilitator.id], capacity: 8, intake: 'closed', confirm: true });
    if (!g.saved) throw new Error('group not saved');
    await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: [dev, eli, gus], confirm: true });
    const sessions = (await call(w.backend, 'groups.get', { id: g.group.id })).sessions.filter((s) => s.date < today);
    // Dev always there; Eli never; Gus late to even-numbered sessions and absent (with a reason) from odd ones.
    for (const s of sessions) {
      const entries: Entry[] = [
        { participantId: dev, attendance: 'present', participation: 4 },
        { participantId: eli, attendance: 'absent_no_reason' },
        s.number % 2 === 0 ? { participantId: gus, attendance: 'late', lateMinutes: 10, participation: 3 } : { participantId: gus, attendance: 'absent_reason', absenceReason: 'Ill' },
      ];
      await call(w.backend, 'registers.save', { sessionId: s.id, version: 0, entries });
    }
    // Eli leaves the programme.
    const e = await call(w.backend, 'participants.get', { id: eli });
    await call(w.backend, 'participants.setStatus', { id: eli, version: e.version, status: 'exited', outcome: null, exitReason: 'withdrew', effectiveOn: today });

    // Risk now, as the risk service keeps it on his record: Ash high, Cal medium, Dev high, Eli high (left: not counted now).
    const db = w.backend.requireDb();
    for (const [id, level] of [[ash, 'high'], [cal, 'medium'], [dev, 'high'], [eli, 'high']] as const) await db.updateTable('participants').set({ risk_level: level }).where('id', '=', id).execute();

    // Tasks: only the ones made here (the dated-task machinery's own are cleared first).
    // (With the partner file open, `tasks` is a view over both sides' tables: write to each table.)
    await db.withSchema('main').deleteFrom('tasks').execute();
    await db.withSchema('partner').deleteFrom('tasks').execute();
    const task = (kind: string, dueOn: string, status = 'open', participantId: string | null = dev, partnerId: string | null = null) =>
      db
        .withSchema(partnerId ? 'partner' : 'main')
        .insertInto('tasks')
        .values({ id: randomUUID(), participant_id: participantId, kind, title: kind, detail: '', assignee_id: null, assignee_role: 'manager', due_on: dueOn, urgent: 0, status, source_key: null, done_at: null, done_by: null, done_note: '', created_at: new Date().toISOString(), created_by: null, partner_id: partnerId })
        .execute();
    await task('review_due', addDays(today, -3));
    await task('review_due', addDays(today, -40));
    await task('review_due', today); // due today: not overdue
    await task('review_due', addDays(today, -9), 'done'); // done: not overdue
    await task('outcome_due', addDays(today, -1));
    await task('outcome_due', addDays(today, -60));
    await task('outcome_due', addDays(today, -7));
    await task('outcome_due', addDays(today, 5)); // not yet due
    await task('partner_outcome_due', addDays(today, -20), 'open', ash, randomUUID()); // hers: never on the programme-side dashboard
    await task('contact', addDays(today, -20)); // another kind

    const d = await call(w.backend, 'outcomes.dashboard', {});
    const caseload = Object.fromEntries(d.caseload.map((c) => [c.status, c.count]));
    expect(caseload).toEqual({ referred: 2, awaiting_assessment: 0, assessed: 1, waiting_list: 0, active: 2, completed: 0, exited: 1 });
    // Waits of 10, 30 and 50 days.
    expect(d.waiting).toEqual({ count: 3, medianDays: 30, longestDays: 50 });
    // Attendance this quarter, counted by hand from the registers above.
    const from = quarterStart(today);
    const inQuarter = sessions.filter((s) => s.date >= from);
    const attended = inQuarter.length /* Dev */ + inQuarter.filter((s) => s.number % 2 === 0).length; /* Gus, late */
    const marked = inQuarter.length * 3;
    expect(d.attendance).toEqual({ attended, marked, percent: marked ? Math.floor((attended / marked) * 1000) / 10 : null, quarterFrom: from });
    expect(Object.fromEntries(d.risk.map((r) => [r.level, r.count]))).toEqual({ low: 0, medium: 1, high: 2 });
    expect(d.overdue).toEqual({ reviews: 2, followUps: 3 });
  });

  it("this quarter starts on the first day of the quarter's first month", async () => {
    const d = await call(w.backend, 'outcomes.dashboard', {});
    expect(d.attendance.quarterFrom).toBe(quarterStart(today));
    expect(quarterStart('2027-01-01')).toBe('2027-01-01');
    expect(quarterStart('2026-12-31')).toBe('2026-10-01');
    expect(quarterStart('2026-06-15')).toBe('2026-04-01');
  });
});
