/** The register form: one row per man expected, built from the back end's register and turned back into one save. */
import { attended, attendanceStates, type Attendance, type Concern, type Register, type RegisterEntryInput } from '../../../shared/features/registers';

export interface RegisterRow {
  participantId: string;
  reference: string;
  name: string | null;
  flags: string[];
  attendance: Attendance | null;
  lateMinutes: number | string;
  leftEarlyMinutes: number | string;
  absenceReason: string;
  participation: number | null;
  note: string;
  concern: Concern;
  concernNote: string;
}

export interface RegisterValues {
  rows: RegisterRow[];
  debrief: string;
  interpreterPresent: boolean;
  interpreterName: string;
}

/** One row for each man expected at the session, with what the register already says about him. */
export function valuesFromRegister(register: Register): RegisterValues {
  const rows = register.expected.map((man): RegisterRow => {
    const e = register.entries.find((x) => x.participantId === man.participantId);
    return {
      participantId: man.participantId,
      reference: man.reference,
      name: man.name,
      flags: man.flags,
      attendance: e?.attendance ?? null,
      lateMinutes: e?.lateMinutes ?? '',
      leftEarlyMinutes: e?.leftEarlyMinutes ?? '',
      absenceReason: e?.absenceReason ?? '',
      participation: e?.participation ?? null,
      note: e?.note ?? '',
      concern: e?.concern ?? 'none',
      concernNote: e?.concernNote ?? '',
    };
  });
  return { rows, debrief: register.debrief, interpreterPresent: register.interpreterPresent, interpreterName: register.interpreterName };
}

/** Entries already in the register for men no longer expected (for example enrolled by mistake and removed). */
export function orphanEntries(register: Register) {
  return register.entries.filter((e) => !register.expected.some((m) => m.participantId === e.participantId));
}

const num = (v: number | string): number | null => (v === '' || v === null || Number.isNaN(Number(v)) ? null : Number(v));

/** The entries to save, in row order (so an error on `entries.3.lateMinutes` is the fourth row). Only what applies to his attendance is sent. */
export function entriesFrom(rows: readonly RegisterRow[]): RegisterEntryInput[] {
  return rows.map((r) => {
    const attendance = r.attendance as Attendance;
    const came = attendance ? attended(attendance) : false;
    return {
      participantId: r.participantId,
      attendance,
      lateMinutes: attendance === 'late' ? num(r.lateMinutes) : null,
      leftEarlyMinutes: attendance === 'left_early' ? num(r.leftEarlyMinutes) : null,
      absenceReason: attendance === 'absent_reason' ? r.absenceReason.trim() : '',
      participation: came ? r.participation : null,
      note: r.note.trim(),
      concern: r.concern,
      concernNote: r.concern === 'none' ? '' : r.concernNote.trim(),
    };
  });
}

/** What the window checks before saving, with the same paths as the back end's errors (`rows.3.lateMinutes`). */
export function registerErrors(values: RegisterValues): Record<string, string> {
  const errors: Record<string, string> = {};
  values.rows.forEach((r, i) => {
    if (!r.attendance) errors[`rows.${i}.attendance`] = 'Choose his attendance';
    if (r.attendance === 'late' && !(num(r.lateMinutes)! >= 1)) errors[`rows.${i}.lateMinutes`] = 'How many minutes late?';
    if (r.attendance === 'absent_reason' && !r.absenceReason.trim()) errors[`rows.${i}.absenceReason`] = 'Give the reason he gave';
    if (r.concern !== 'none' && !r.concernNote.trim()) errors[`rows.${i}.concernNote`] = 'Describe the concern';
  });
  if (values.interpreterPresent && !values.interpreterName.trim()) errors.interpreterName = "Give the interpreter's name";
  return errors;
}

/** The back end's `entries.3.lateMinutes` is the form's `rows.3.lateMinutes`. */
export function formPathOf(apiPath: string): string {
  return apiPath.replace(/^entries\./, 'rows.');
}

/** Marks every man not yet marked as present; men already marked keep their mark. */
export function markEveryonePresent(rows: readonly RegisterRow[]): RegisterRow[] {
  return rows.map((r) => (r.attendance ? r : { ...r, attendance: 'present' }));
}

export function countByAttendance(rows: ReadonlyArray<Pick<RegisterRow, 'attendance'>>): Record<Attendance | 'unmarked', number> {
  const counts = Object.fromEntries([...attendanceStates, 'unmarked'].map((k) => [k, 0])) as Record<Attendance | 'unmarked', number>;
  for (const r of rows) counts[r.attendance ?? 'unmarked'] += 1;
  return counts;
}

export const attendanceColours: Record<Attendance, string> = {
  present: 'green',
  late: 'yellow',
  left_early: 'orange',
  absent_reason: 'blue',
  absent_no_reason: 'red',
};

/** Short labels for the attendance buttons on each man's row. */
export const attendanceShort: Record<Attendance, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_reason: 'Absent: reason given',
  absent_no_reason: 'Absent: no reason',
};
