/**
 * Importing group attendance so far: each row checked with the register's own entry schema
 * and rules (a past session of that group, not cancelled, the man enrolled on that date),
 * saved a register at a time through registers.save's service; every bad row named by row
 * and column, nothing saved unless every row passes, and the same file twice doubles nothing.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { differingTables, tableDigests } from '../../../src/main/db/table-digests';
import { call, callError, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { b64, sample } from './fixtures';

let w: World;
let cleanup: () => void;
let marek: string;
let sessions: Array<{ id: string; date: string; number: number; version: number }>;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await call(w.backend, 'imports.run', { kind: 'participants', base64: sample('participants.xlsx') });
  await call(w.backend, 'imports.run', { kind: 'statuses', base64: sample('statuses.xlsx') });
  marek = (await call(w.backend, 'participants.search', { q: 'Nowakowski' }))[0]!.id;
  const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
  const g = await call(w.backend, 'groups.create', {
    programmeTypeId: programme.id,
    name: 'Tuesday evening group',
    venue: 'Room 2',
    weekday: 2,
    startTime: '18:30',
    startDate: '2026-01-13',
    facilitatorIds: [w.accounts.facilitator.id],
    capacity: 8,
    intake: 'closed',
    confirm: true,
  });
  if (!g.saved) throw new Error('group not saved');
  await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: [marek], confirm: true });
  sessions = (await call(w.backend, 'groups.get', { id: g.group.id })).sessions;
}, 60_000);
afterEach(async () => {
  await w.backend.shutdown();
  cleanup();
});

const digests = async () => Object.fromEntries(Object.entries(await tableDigests(w.backend.requireDb())).filter(([name]) => !name.startsWith('audit')));

describe.each(['xlsx', 'csv'] as const)('importing attendance from .%s', (ext) => {
  it('each session’s register taken with his attendance; importing the same file again doubles nothing', async () => {
    const base64 = sample(`attendance.${ext}`);
    const check = await call(w.backend, 'imports.check', { kind: 'attendance', base64 });
    expect(check.problems).toEqual([]);
    expect(check.mapping).toMatchObject({ reference: 'Client ref', group: 'Group name', sessionDate: 'Date of session', attendance: 'Attended', lateMinutes: 'Minutes late', absenceReason: 'Reason for absence' });
    expect(check.preview[1]).toMatchObject({ 'His reference': 'P-2025-0101', Group: 'Tuesday evening group', 'Session date': '20/01/2026', Attendance: 'Late', 'Minutes late (if late)': '10' });
    expect((await call(w.backend, 'imports.run', { kind: 'attendance', base64 })).created).toBe(4);

    // Read back through the normal routes: his attendance summary and each register.
    const summary = (await call(w.backend, 'attendance.summary', { participantId: marek }))!;
    expect(summary).toMatchObject({ attended: 2, late: 1, absentWithReason: 1, absentWithoutReason: 1 });
    expect(summary.sessions.slice(0, 4).map((s) => [s.date, s.attendance, s.reason])).toEqual([
      ['2026-01-13', 'present', ''],
      ['2026-01-20', 'late', ''],
      ['2026-01-27', 'absent_reason', 'Hospital appointment'],
      ['2026-02-03', 'absent_no_reason', ''],
    ]);
    const second = await call(w.backend, 'registers.get', { sessionId: sessions.find((s) => s.date === '2026-01-20')!.id });
    expect(second.version).toBe(1);
    expect(second.entries).toEqual([expect.objectContaining({ participantId: marek, attendance: 'late', lateMinutes: 10 })]);
    // Audited: the import with its counts and hash, and each register as when taken by hand.
    const imported = (await call(w.backend, 'audit.list', { action: 'imports.run' })).entries.find((e) => e.action === 'imports.run')!;
    expect(imported.detail).toMatchObject({ kind: 'attendance', rows: 4, created: 4 });
    expect((await call(w.backend, 'audit.list', { action: 'registers.take' })).entries.filter((e) => e.action === 'registers.take')).toHaveLength(4);

    // The same file again: every row is already on record, and nothing changes.
    const before = await digests();
    const again = await call(w.backend, 'imports.check', { kind: 'attendance', base64 });
    expect(again.problemCount).toBe(4);
    expect(again.problems.every((p) => /already on record/.test(p.message) && p.column === 'Client ref')).toBe(true);
    expect((await callError(w.backend, 'imports.run', { kind: 'attendance', base64 })).message).toMatch(/Nothing was imported/);
    expect(differingTables(before, await digests())).toEqual([]);
  }, 60_000);
});

describe('bad attendance rows', () => {
  it('names the row and the column of each problem, and saves nothing', async () => {
    const rows = [
      ['Reference', 'Group', 'Session date', 'Attendance', 'Minutes late (if late)', 'Reason he gave (if absent)'],
      ['P-2099-0001', 'Tuesday evening group', '13/01/2026', 'Present', '', ''],
      ['P-2025-0101', 'Thursday group', '13/01/2026', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', 'last week', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '14/01/2026', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '01/01/2099', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '13/01/2026', 'Sleeping', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '20/01/2026', 'Late', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '27/01/2026', 'Absent, reason given', '', ''],
      ['P-2025-0104', 'Tuesday evening group', '13/01/2026', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '03/02/2026', 'Present', '', ''],
      ['P-2025-0101', 'tuesday  Evening group', '03/02/2026', 'Present', '', ''],
      ['P-2025-0101', 'Tuesday evening group', '10/02/2026', 'Late', 'ten', ''],
    ];
    for (const base64 of [b64((await writeXlsxFile(rows).toBuffer()) as Buffer), b64(Papa.unparse(rows))]) {
      const before = await digests();
      const check = await call(w.backend, 'imports.check', { kind: 'attendance', base64 });
      const at = (row: number, column: string) => check.problems.find((p) => p.row === row && p.column === column)?.message;
      expect(at(2, 'Reference')).toMatch(/No participant has this reference/);
      expect(at(3, 'Group')).toMatch(/No group has this name/);
      expect(at(4, 'Session date')).toMatch(/Cannot read this date/);
      expect(at(5, 'Session date')).toMatch(/no session on this date/);
      expect(at(6, 'Session date')).toMatch(/has not happened yet/);
      expect(at(7, 'Attendance')).toMatch(/Not one of the choices.*Absent, no reason/);
      expect(at(8, 'Minutes late (if late)')).toMatch(/How many minutes late/);
      expect(at(9, 'Reason he gave (if absent)')).toMatch(/Give the reason he gave/);
      expect(at(10, 'Reference')).toMatch(/not enrolled in this group on that date/);
      expect(at(12, 'Reference')).toMatch(/same man and session are on row 11/);
      expect(at(13, 'Minutes late (if late)')).toMatch(/whole number/);
      expect(check.problems.filter((p) => p.row === 11)).toEqual([]);
      expect(check.problemCount).toBe(11);
      expect((await callError(w.backend, 'imports.run', { kind: 'attendance', base64 })).message).toMatch(/Nothing was imported/);
      expect(differingTables(before, await digests())).toEqual([]);
    }
  }, 60_000);

  it('a session whose register was taken in the window is refused, and a cancelled one has no register', async () => {
    const first = sessions.find((s) => s.date === '2026-01-13')!;
    await call(w.backend, 'registers.save', { sessionId: first.id, version: 0, entries: [] });
    const rows = [
      ['Reference', 'Group', 'Session date', 'Attendance'],
      ['P-2025-0101', 'Tuesday evening group', '13/01/2026', 'Present'],
    ];
    const check = await call(w.backend, 'imports.check', { kind: 'attendance', base64: b64(Papa.unparse(rows)) });
    expect(check.problems).toEqual([expect.objectContaining({ row: 2, column: 'Session date', message: expect.stringMatching(/register for this session has already been taken/) })]);

    const second = sessions.find((s) => s.date === '2026-01-20')!;
    await call(w.backend, 'sessions.cancel', { id: second.id, version: second.version, reason: 'Snow' });
    const cancelled = await call(w.backend, 'imports.check', { kind: 'attendance', base64: b64(Papa.unparse([rows[0]!, ['P-2025-0101', 'Tuesday evening group', '20/01/2026', 'Present']])) });
    expect(cancelled.problems).toEqual([expect.objectContaining({ row: 2, column: 'Session date', message: expect.stringMatching(/was cancelled, so it has no register/) })]);
  }, 60_000);
});
