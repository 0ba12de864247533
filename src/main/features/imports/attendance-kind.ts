/**
 * Importing group attendance so far: one row per man per past session (his reference, the
 * group's name, the session's date, his attendance). Each row is checked with the register's
 * own entry schema and its rules (the session held, not cancelled, not in the future; the man
 * enrolled in the group on that date, by the same rule the register uses), and the rows are
 * saved session by session through registers.save's own service, so the register's history,
 * audit entries, absence alerts to the partner service and attendance-rule tasks follow
 * exactly as if each register had been taken by hand. A session whose register is already
 * taken is refused, so importing the same file twice never doubles anything.
 */
import type { z } from 'zod';
import { importKindPermission, type ImportResult } from '../../../shared/features/imports';
import { attendanceLabels, attendanceStates, registerEntryInput, type Attendance } from '../../../shared/features/registers';
import { can } from '../../../shared/permissions';
import { foldForSearch } from '../../../shared/text';
import { AppError } from '../../app-error';
import type { SessionsTable } from '../../db/schema';
import { expectedAt, saveRegister } from '../registers/service';
import type { FieldProblem, KindRules, RowCells } from './kinds';
import { readChoice, readDate, readText } from './values';
import { todayOf } from '../../clock';

const NIL = '00000000-0000-4000-8000-000000000000';
const ukDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Words registers kept on paper or in spreadsheets often use. */
const attendanceExtras: Record<string, Attendance> = {
  p: 'present',
  yes: 'present',
  y: 'present',
  attended: 'present',
  l: 'late',
  'came late': 'late',
  'left early': 'left_early',
  le: 'left_early',
  apologies: 'absent_reason',
  'absent with reason': 'absent_reason',
  'authorised absence': 'absent_reason',
  authorised: 'absent_reason',
  a: 'absent_no_reason',
  no: 'absent_no_reason',
  n: 'absent_no_reason',
  absent: 'absent_no_reason',
  dna: 'absent_no_reason',
  'did not attend': 'absent_no_reason',
  'absent without reason': 'absent_no_reason',
  unauthorised: 'absent_no_reason',
  'unauthorised absence': 'absent_no_reason',
};

interface SessionInfo {
  row: SessionsTable;
  /** who the register expects: the register's own rule (registers/service expectedAt) */
  expected: Set<string>;
  /** men already on the register, when it has been taken */
  onRegister: Set<string>;
}

interface Lookups {
  men: Map<string, string>;
  groups: Map<string, string[]>;
  /** group id + date -> the group's sessions that day (catch-ups left out: they are one man's) */
  sessions: Map<string, SessionInfo[]>;
  today: string;
  seen: Map<string, number>;
}

/** What a checked row carries to the save: the session and his line on its register. */
interface AttendanceRow {
  rowNumber: number;
  sessionId: string;
  entry: z.output<typeof registerEntryInput>;
}

function minutes(cells: RowCells, key: string, problems: FieldProblem[]): number | null {
  const text = readText(cells[key] ?? null);
  if (!text) return null;
  const value = Number(text.replace(/\s*(mins?|minutes?)$/i, ''));
  if (!Number.isInteger(value) || value < 1 || value > 300) {
    problems.push({ field: key, message: 'Write the minutes as a whole number from 1 to 300 (for example 10)' });
    return null;
  }
  return value;
}

export const attendanceKind: KindRules = {
  raisesTasks: false, // each register raises its own tasks and alerts, as when taken by hand
  allowed: (ctx) => (can(ctx.user.role, importKindPermission.attendance) ? null : 'Your role cannot take registers.'),
  async load(ctx) {
    const today = todayOf(ctx); // the back end's day: which sessions have happened, so a row may fill them
    const men = await ctx.db.selectFrom('participants').select(['id', 'reference']).execute();
    const groups = await ctx.db.selectFrom('groups').select(['id', 'name']).execute();
    const byName = new Map<string, string[]>();
    for (const g of groups) byName.set(foldForSearch(g.name), [...(byName.get(foldForSearch(g.name)) ?? []), g.id]);
    const rows = await ctx.db.selectFrom('sessions').selectAll().where('participant_id', 'is', null).where('date', '<=', today).execute();
    const taken = await ctx.db
      .selectFrom('register_entries')
      .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
      .select(['register_entries.session_id', 'register_entries.participant_id'])
      .where('sessions.register_version', '>', 0)
      .execute();
    const sessions = new Map<string, SessionInfo[]>();
    for (const row of rows) {
      const key = `${row.group_id}|${row.date}`;
      // Who is expected, by the register's own rule; only for sessions a row could still fill.
      const expected = row.status === 'cancelled' || row.register_version > 0 ? new Set<string>() : new Set(await expectedAt(ctx.db, row));
      const onRegister = new Set(taken.filter((t) => t.session_id === row.id).map((t) => t.participant_id));
      sessions.set(key, [...(sessions.get(key) ?? []), { row, expected, onRegister }]);
    }
    return { men: new Map(men.map((m) => [m.reference, m.id])), groups: byName, sessions, today, seen: new Map() } satisfies Lookups;
  },
  checkRow(cells, raw, rowNumber) {
    const l = raw as Lookups;
    const problems: FieldProblem[] = [];
    const reference = readText(cells.reference ?? null).toUpperCase();
    const manId = l.men.get(reference);
    if (!reference) problems.push({ field: 'reference', message: 'Enter his reference (P-YYYY-NNNN)' });
    else if (!manId) problems.push({ field: 'reference', message: 'No participant has this reference. Import the participants first, or correct the reference' });

    const groupName = readText(cells.group ?? null);
    const groupIds = l.groups.get(foldForSearch(groupName)) ?? [];
    if (!groupName) problems.push({ field: 'group', message: 'Enter the group’s name as it appears under Groups' });
    else if (groupIds.length === 0) problems.push({ field: 'group', message: 'No group has this name. Add the group under Groups first, or use its name as it appears there' });
    else if (groupIds.length > 1) problems.push({ field: 'group', message: 'More than one group has this name. Rename one under Groups so each name is different' });

    const date = readDate(cells.sessionDate ?? null);
    if (date === null) problems.push({ field: 'sessionDate', message: 'Cannot read this date. Write it as dd/mm/yyyy (for example 13/01/2026)' });

    let session: SessionInfo | undefined;
    if (date && groupIds.length === 1) {
      const sameDay = l.sessions.get(`${groupIds[0]}|${date}`) ?? [];
      if (date > l.today) problems.push({ field: 'sessionDate', message: 'This session has not happened yet. Only past sessions can be imported' });
      else if (sameDay.length === 0) problems.push({ field: 'sessionDate', message: 'The group has no session on this date. Check the date against the group’s sessions under Groups' });
      else if (sameDay.length > 1) problems.push({ field: 'sessionDate', message: 'The group has more than one session on this date. Take these registers in the window instead' });
      else if (sameDay[0]!.row.status === 'cancelled') problems.push({ field: 'sessionDate', message: 'This session was cancelled, so it has no register. Remove the row' });
      else session = sameDay[0];
    }

    const attendance = readChoice(cells.attendance ?? null, attendanceStates, attendanceLabels, attendanceExtras);
    if (attendance === null) problems.push({ field: 'attendance', message: `Not one of the choices. Use one of: ${attendanceStates.map((a) => attendanceLabels[a]).join('; ')}` });
    const entry = {
      participantId: manId ?? NIL,
      attendance: attendance || undefined,
      lateMinutes: minutes(cells, 'lateMinutes', problems),
      leftEarlyMinutes: minutes(cells, 'leftEarlyMinutes', problems),
      absenceReason: readText(cells.absenceReason ?? null),
    };
    const parsed = registerEntryInput.safeParse(entry);
    const reported = new Set(problems.map((p) => p.field));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path.at(-1) ?? 'attendance');
        if (!reported.has(field)) problems.push({ field, message: issue.message });
      }
    }

    if (manId && session) {
      const key = `${session.row.id}|${manId}`;
      if (session.onRegister.has(manId)) problems.push({ field: 'reference', message: 'His attendance at this session is already on record. Remove the row' });
      else if (session.row.register_version > 0) {
        problems.push({ field: 'sessionDate', message: 'The register for this session has already been taken in the program. Add him to that register in the window instead' });
      } else if (!session.expected.has(manId)) {
        problems.push({ field: 'reference', message: 'He was not enrolled in this group on that date. Enrol him in the group under Groups first (from the session he started at)' });
      } else if (l.seen.has(key)) problems.push({ field: 'reference', message: `The same man and session are on row ${l.seen.get(key)}. Keep one` });
      else l.seen.set(key, rowNumber);
    }

    const shown = {
      reference,
      group: groupName,
      sessionDate: date ? ukDate(date) : '',
      attendance: attendance ? attendanceLabels[attendance] : '',
      lateMinutes: entry.lateMinutes ? String(entry.lateMinutes) : '',
      leftEarlyMinutes: entry.leftEarlyMinutes ? String(entry.leftEarlyMinutes) : '',
      absenceReason: entry.absenceReason.slice(0, 60),
    };
    const input: AttendanceRow | null = parsed.success && session ? { rowNumber, sessionId: session.row.id, entry: parsed.data } : null;
    return { input, problems, shown };
  },
  // Rows are gathered here and saved a register at a time once every row is in (finish).
  async save(_ctx, input) {
    return input;
  },
  async finish(ctx, saved): Promise<Partial<ImportResult>> {
    const bySession = new Map<string, AttendanceRow[]>();
    for (const row of saved as AttendanceRow[]) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
    for (const [sessionId, rows] of bySession) {
      try {
        await saveRegister(ctx, { sessionId, version: 0, entries: rows.map((r) => r.entry), debrief: '', interpreterPresent: false, interpreterName: '' });
      } catch (err) {
        if (err instanceof AppError) {
          const which = rows.map((r) => r.rowNumber).join(', ');
          throw new AppError(err.code, `Row${rows.length === 1 ? '' : 's'} ${which}: ${err.message} Nothing was imported.`);
        }
        throw err;
      }
    }
    return {};
  },
};
