import { describe, expect, it } from 'vitest';
import type { Register } from '../../src/shared/features/registers';
import { dayLongDate, dayShortDate, monthEnd, monthGrid, rangeFor, rangeTitle, shift, weekDays, weekStart } from '../../src/renderer/features/calendar/calendar-helpers';
import { overallNeed, overrideForStatus, overrideForWaiting } from '../../src/renderer/features/groups/enrol-helpers';
import { createInputOf, emptyGroupValues, validateNewGroup } from '../../src/renderer/features/groups/group-form';
import { capacityNote, dayTimeText, durationText, endTime, nextSession, registerOverdue, schedulePreview, sessionTitle } from '../../src/renderer/features/groups/group-labels';
import { moveItem, planErrors, planInputFrom, suggestedTemplateIndex, totalMinutes, totalState, valuesFromPlan } from '../../src/renderer/features/plans/plan-helpers';
import { percentOf, sessionLinkFor } from '../../src/renderer/features/registers/attendance-helpers';
import {
  countByAttendance,
  entriesFrom,
  formPathOf,
  markEveryonePresent,
  orphanEntries,
  registerErrors,
  valuesFromRegister,
} from '../../src/renderer/features/registers/register-helpers';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';
const E = '55555555-5555-4555-8555-555555555555';

describe('group labels', () => {
  it('says when and how long', () => {
    expect(dayTimeText(2, '18:30')).toBe('Tuesdays at 18:30');
    expect(durationText(150)).toBe('2 h 30 min');
    expect(durationText(120)).toBe('2 hours');
    expect(durationText(60)).toBe('1 hour');
    expect(durationText(45)).toBe('45 min');
    expect(endTime('18:30', 150)).toBe('21:00');
    expect(endTime('23:30', 60)).toBe('00:30');
    expect(sessionTitle({ number: 7, catchUpForSessionId: null }, 26)).toBe('Session 7 of 26');
    expect(sessionTitle({ number: 3, catchUpForSessionId: A }, 26)).toBe('Catch-up for session 3');
  });

  it('notes a capacity outside 8 to 12, and nothing for a half-typed number', () => {
    expect(capacityNote(7)).toMatch(/at least 8/);
    expect(capacityNote(13)).toMatch(/at most 12/);
    expect(capacityNote(10)).toBeNull();
    expect(capacityNote('')).toBeNull();
  });

  it('previews the schedule like the back end: first chosen weekday on or after the start, closures skipped', () => {
    // 2026-12-01 is a Tuesday; Christmas Day 2026 is a Friday.
    const p = schedulePreview('2026-11-30', 5, 4, [{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(p.dates).toEqual(['2026-12-04', '2026-12-11', '2026-12-18', '2027-01-01']);
    expect(p.skipped).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(schedulePreview('2026-12-01', 2, 26, []).dates).toHaveLength(26);
    expect(schedulePreview('2026-12-01', 2, 26, []).dates[0]).toBe('2026-12-01');
    expect(schedulePreview('', 2, 26, []).dates).toEqual([]);
  });

  it('finds the next session and registers still to take', () => {
    const sessions = [
      { date: '2026-11-10', status: 'held' as const, catchUpForSessionId: null, registerTaken: true },
      { date: '2026-11-17', status: 'scheduled' as const, catchUpForSessionId: null, registerTaken: false },
      { date: '2026-11-24', status: 'scheduled' as const, catchUpForSessionId: null, registerTaken: false },
    ];
    expect(nextSession(sessions, '2026-11-20')?.date).toBe('2026-11-24');
    expect(nextSession(sessions, '2026-11-17')?.date).toBe('2026-11-17');
    expect(registerOverdue(sessions[1]!, '2026-11-20')).toBe(true);
    expect(registerOverdue(sessions[2]!, '2026-11-20')).toBe(false);
    expect(registerOverdue({ ...sessions[1]!, status: 'cancelled' }, '2026-11-20')).toBe(false);
  });
});

describe('the new-group form', () => {
  it('sends one facilitator for one-to-one work and checks the pair', () => {
    const v = { ...emptyGroupValues, programmeTypeId: A, name: 'G', venue: 'Room', weekday: '2', startDate: '2026-12-01', facilitator1: B, facilitator2: C };
    expect(createInputOf(v, false).facilitatorIds).toEqual([B, C]);
    expect(createInputOf(v, true)).toMatchObject({ facilitatorIds: [B], capacity: 1 });
    expect(validateNewGroup(v, false)).toEqual({});
    expect(validateNewGroup({ ...v, facilitator2: B }, false).facilitator2).toMatch(/different/);
    expect(validateNewGroup({ ...v, facilitator1: null, facilitator2: null }, false).facilitator1).toBeDefined();
    expect(validateNewGroup(v, true).participantId).toMatch(/Choose the man/);
  });
});

describe('calendar', () => {
  it('makes Monday-first weeks and whole-week months', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekDays('2026-11-18')[6]).toBe('2026-11-22');
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthEnd('2026-12-10')).toBe('2026-12-31');
    const grid = monthGrid('2026-11-05');
    expect(grid[0]![0]).toBe('2026-10-26');
    expect(grid.at(-1)![6]).toBe('2026-12-06');
    expect(grid.every((w) => w.length === 7)).toBe(true);
  });

  it('asks for at most three months, and steps over a year end', () => {
    const r = rangeFor('month', '2026-11-05');
    expect((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000).toBeLessThanOrEqual(92);
    expect(rangeFor('week', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(shift('month', '2026-12-15', 1)).toBe('2027-01-01');
    expect(shift('month', '2027-01-15', -1)).toBe('2026-12-01');
    expect(shift('week', '2026-11-22', 1)).toBe('2026-11-23');
  });

  it('writes dates the UK way', () => {
    expect(dayLongDate('2026-12-01')).toBe('Tuesday 1 December 2026');
    expect(dayShortDate('2026-12-01')).toBe('Tue 01/12/2026');
    expect(rangeTitle('week', '2026-12-03')).toBe('Week of Monday 30 November 2026');
    expect(rangeTitle('month', '2026-12-03')).toBe('December 2026');
  });
});

const register: Register = {
  sessionId: A,
  version: 0,
  entries: [
    {
      participantId: A,
      attendance: 'late',
      lateMinutes: 10,
      leftEarlyMinutes: null,
      absenceReason: '',
      participation: 4,
      note: 'Engaged',
      concern: 'none',
      concernNote: '',
      reference: 'P-2026-0001',
      name: 'Ann Example',
    },
    {
      participantId: C,
      attendance: 'present',
      lateMinutes: null,
      leftEarlyMinutes: null,
      absenceReason: '',
      participation: null,
      note: '',
      concern: 'none',
      concernNote: '',
      reference: 'P-2026-0003',
      name: 'Left Since',
    },
  ],
  expected: [
    { participantId: A, reference: 'P-2026-0001', name: 'Ann Example', flags: [] },
    { participantId: B, reference: 'P-2026-0002', name: null, flags: ['restricted'] },
  ],
  debrief: '',
  interpreterPresent: false,
  interpreterName: '',
  takenAt: null,
  takenByName: null,
  history: [],
};

describe('the register form', () => {
  it('has a row for each man expected, with what is already recorded', () => {
    const v = valuesFromRegister(register);
    expect(v.rows.map((r) => r.participantId)).toEqual([A, B]);
    expect(v.rows[0]).toMatchObject({ attendance: 'late', lateMinutes: 10, participation: 4 });
    expect(v.rows[1]).toMatchObject({ attendance: null, name: null });
    expect(orphanEntries(register).map((e) => e.participantId)).toEqual([C]);
  });

  it('checks every man is marked, with the details each mark needs, on the same paths as the back end', () => {
    const v = valuesFromRegister(register);
    v.rows[0]!.lateMinutes = '';
    v.rows[1]!.concern = 'risk';
    const errors = registerErrors(v);
    expect(errors['rows.0.lateMinutes']).toBeDefined();
    expect(errors['rows.1.attendance']).toBeDefined();
    expect(errors['rows.1.concernNote']).toBeDefined();
    expect(formPathOf('entries.1.concernNote')).toBe('rows.1.concernNote');
    expect(registerErrors({ ...valuesFromRegister(register), interpreterPresent: true }).interpreterName).toBeDefined();
  });

  it('marks everyone not yet marked as present, keeping the marks made', () => {
    const rows = markEveryonePresent(valuesFromRegister(register).rows);
    expect(rows.map((r) => r.attendance)).toEqual(['late', 'present']);
    expect(countByAttendance(rows)).toMatchObject({ late: 1, present: 1, unmarked: 0 });
  });

  it('sends only what applies to his attendance', () => {
    const v = valuesFromRegister(register);
    v.rows[1] = { ...v.rows[1]!, attendance: 'absent_reason', absenceReason: ' Unwell ', participation: 3, lateMinutes: 5 };
    const [late, absent] = entriesFrom(v.rows);
    expect(late).toMatchObject({ attendance: 'late', lateMinutes: 10, participation: 4, absenceReason: '' });
    expect(absent).toMatchObject({ attendance: 'absent_reason', absenceReason: 'Unwell', participation: null, lateMinutes: null });
  });
});

describe('the session plan form', () => {
  const plan = {
    sessionId: A,
    version: 2,
    title: 'Respect',
    themeId: B,
    aims: ['Listen', 'Take turns', 'Name a tactic'],
    objectiveIds: [null, D, E],
    objectives: ['Respect'],
    objectiveChoices: [{ id: D, text: 'Non-abusive ways of handling conflict' }],
    aimObjectives: ['Respect', 'Non-abusive ways of handling conflict', 'an objective since removed from the programme'],
    activities: [
      { title: 'Check-in', minutes: 20, description: '', leadId: null },
      { title: 'Role play', minutes: 100, description: '', leadId: C },
    ],
    materials: [{ item: 'Flip chart', ready: true }],
    notes: '',
    status: 'draft' as const,
    totalMinutes: 120,
    sessionMinutes: 150,
    warnings: [],
    updatedAt: '2026-11-01T10:00:00Z',
    updatedByName: null,
  };

  it('keeps each aim with the objective it serves (an old free-text one shown until one is chosen), leaving out empty lines', () => {
    const v = valuesFromPlan(plan);
    expect(v.aims).toEqual([
      { aim: 'Listen', objectiveId: null, legacy: 'Respect' },
      { aim: 'Take turns', objectiveId: D, legacy: '' },
      { aim: 'Name a tactic', objectiveId: null, legacy: '' },
    ]);
    v.aims.push({ aim: '  ', objectiveId: D, legacy: '' });
    v.materials.push({ item: '', ready: false });
    const input = planInputFrom(v, A, 2, B);
    expect(input.aims).toEqual(['Listen', 'Take turns', 'Name a tactic']);
    expect(input.objectiveIds).toEqual([null, D, null]);
    expect(input.objectives).toEqual(['Respect', '', '']);
    v.aims[0]!.objectiveId = D;
    expect(planInputFrom(v, A, 2, B).objectives).toEqual(['', '', '']);
    expect(input.materials).toHaveLength(1);
    expect(input.activities).toHaveLength(2);
  });

  it('totals the minutes against the session and refuses "ready" when too long', () => {
    const v = valuesFromPlan(plan);
    expect(totalMinutes(v.activities)).toBe(120);
    expect(totalState(120, 150).colour).toBe('teal');
    expect(totalState(100, 150).colour).toBe('orange');
    expect(totalState(160, 150).colour).toBe('red');
    v.activities.push({ title: 'Extra', minutes: '60', description: '', leadId: null });
    expect(planErrors({ ...v, status: 'ready' }, 150).status).toMatch(/180 minutes/);
    expect(planErrors({ ...v, status: 'draft' }, 150).status).toBeUndefined();
    v.activities.push({ title: '', minutes: '', description: '', leadId: null });
    expect(Object.keys(planErrors(v, 150))).toEqual(['activities.3.title', 'activities.3.minutes']);
  });

  it('moves items within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('suggests the template for the session\'s place in its theme', () => {
    const sessions = [
      { id: 'a', themeId: 'x', catchUpForSessionId: null },
      { id: 'b', themeId: 'x', catchUpForSessionId: null },
      { id: 'c', themeId: 'y', catchUpForSessionId: null },
      { id: 'k', themeId: 'x', catchUpForSessionId: 'a' },
    ];
    expect(suggestedTemplateIndex(sessions[0]!, sessions)).toBe(0);
    expect(suggestedTemplateIndex(sessions[1]!, sessions)).toBe(1);
    expect(suggestedTemplateIndex(sessions[2]!, sessions)).toBe(0);
    expect(suggestedTemplateIndex(sessions[3]!, sessions)).toBe(0);
  });
});

describe('enrolment and attendance', () => {
  it('says who needs a manager\'s reason', () => {
    expect(overrideForWaiting({ outcome: 'suitable_group' })).toBe('no');
    expect(overrideForWaiting({ outcome: 'deferred' })).toBe('yes');
    expect(overrideForStatus('referred')).toBe('yes');
    expect(overrideForStatus('assessed')).toBe('maybe');
    expect(overallNeed(['no', 'maybe'])).toBe('maybe');
    expect(overallNeed(['no', 'yes', 'maybe'])).toBe('yes');
    expect(overallNeed([])).toBe('no');
  });

  it('links a session in his summary to its group by name, or not at all when unsure', () => {
    const s = { sessionId: A, date: '2026-11-01', number: 1, groupName: 'Tuesday group (catch-up)', themeName: null, attendance: null, reason: '' };
    expect(sessionLinkFor(s, [{ groupId: B, groupName: 'Tuesday group' }])).toBe(`/groups/${B}/sessions/${A}`);
    expect(sessionLinkFor(s, [{ groupId: B, groupName: 'Tuesday group' }, { groupId: C, groupName: 'Tuesday group' }])).toBeNull();
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(149, 200)).toBe(74);
    expect(percentOf(0, 0)).toBe(0);
  });
});
