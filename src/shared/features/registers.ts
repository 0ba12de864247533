/** The register and session log, taken in one screen; attendance rules; his attendance summary. */
import { z } from 'zod';

export const attendanceStates = ['present', 'late', 'left_early', 'absent_reason', 'absent_no_reason'] as const;
export type Attendance = (typeof attendanceStates)[number];
export const attendanceLabels: Record<Attendance, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_reason: 'Absent, reason given',
  absent_no_reason: 'Absent, no reason',
};
export const attended = (a: Attendance) => a === 'present' || a === 'late' || a === 'left_early';

export const participationScale = [
  { value: 1, label: 'Did not engage' },
  { value: 2, label: 'Little engagement' },
  { value: 3, label: 'Some engagement' },
  { value: 4, label: 'Good engagement' },
  { value: 5, label: 'Fully engaged' },
] as const;

export const concerns = ['none', 'risk', 'child_protection'] as const;
export type Concern = (typeof concerns)[number];
export const concernLabels: Record<Concern, string> = { none: 'No concern', risk: 'Risk concern', child_protection: 'Child-protection concern' };

/** One man's line on a register (also used to check each row of an attendance import). */
export const registerEntryInput = z
  .object({
    participantId: z.uuid(),
    attendance: z.enum(attendanceStates, 'Choose his attendance'),
    lateMinutes: z.number().int().min(1, 'How many minutes late?').max(300).nullable().default(null),
    leftEarlyMinutes: z.number().int().min(1).max(300).nullable().default(null),
    absenceReason: z.string().trim().max(1000).default(''),
    participation: z.number().int().min(1).max(5).nullable().default(null),
    note: z.string().trim().max(5000, 'The note is too long').default(''),
    concern: z.enum(concerns).default('none'),
    concernNote: z.string().trim().max(5000).default(''),
  })
  .superRefine((e, ctx) => {
    if (e.attendance === 'late' && !e.lateMinutes) ctx.addIssue({ code: 'custom', path: ['lateMinutes'], message: 'How many minutes late?' });
    if (e.attendance === 'absent_reason' && !e.absenceReason) ctx.addIssue({ code: 'custom', path: ['absenceReason'], message: 'Give the reason he gave' });
    if (e.concern !== 'none' && !e.concernNote) ctx.addIssue({ code: 'custom', path: ['concernNote'], message: 'Describe the concern' });
  });
export type RegisterEntryInput = z.input<typeof registerEntryInput>;

export const registerSaveInput = z.object({
  sessionId: z.uuid(),
  /** the register's version when the screen was opened (0 for a new register) */
  version: z.number().int().min(0),
  entries: z.array(registerEntryInput).max(40),
  debrief: z.string().trim().max(10_000, 'The debrief is too long').default(''),
  interpreterPresent: z.boolean().default(false),
  interpreterName: z.string().trim().max(120, "The interpreter's name is too long").default(''),
}).refine((r) => !r.interpreterPresent || r.interpreterName.length > 0, { path: ['interpreterName'], message: "Give the interpreter's name" });

export interface RegisterEntry extends z.output<typeof registerEntryInput> {
  reference: string;
  name: string | null;
}

export interface Register {
  sessionId: string;
  version: number;
  /** the men expected: enrolled on the group on that date (or the one man for one-to-one work) */
  entries: RegisterEntry[];
  expected: Array<{ participantId: string; reference: string; name: string | null; flags: string[] }>;
  debrief: string;
  interpreterPresent: boolean;
  interpreterName: string;
  takenAt: string | null;
  takenByName: string | null;
  /** earlier versions of this register (who changed it and when) */
  history: Array<{ version: number; at: string; byName: string | null }>;
}

export const registerVersionInput = z.object({ sessionId: z.uuid(), version: z.number().int().min(1) });

/** An earlier version of a register, as it was before it was changed. */
export interface RegisterVersion {
  sessionId: string;
  version: number;
  /** when that version was saved, and by whom */
  at: string;
  byName: string | null;
  entries: RegisterEntry[];
  debrief: string;
  /** not kept for versions saved before the interpreter was recorded with the history */
  interpreterPresent: boolean | null;
  interpreterName: string;
}

export const attendanceRulesSchema = z.object({
  consecutiveAbsences: z.number().int().min(1).max(20).default(2),
  totalAbsences: z.number().int().min(1).max(50).default(3),
});
export type AttendanceRules = z.output<typeof attendanceRulesSchema>;
export const DEFAULT_ATTENDANCE_RULES: AttendanceRules = { consecutiveAbsences: 2, totalAbsences: 3 };

export interface ThemeAttendance {
  themeId: string | null;
  themeName: string;
  possible: number;
  attended: number;
}

export interface AttendanceSummary {
  participantId: string;
  possible: number;
  attended: number;
  absentWithReason: number;
  absentWithoutReason: number;
  late: number;
  leftEarly: number;
  byTheme: ThemeAttendance[];
  sessions: Array<{ sessionId: string; date: string; number: number; groupName: string; themeName: string | null; attendance: Attendance | null; reason: string }>;
  completion: { met: boolean; state: CompletionState; reason: string } | null;
}

/**
 * Where he stands against the completion rule. Before his last session it is
 * never "met": on track, behind (he can still meet it), or cannot now meet it.
 */
export type CompletionState = 'met' | 'not_met' | 'on_track' | 'behind' | 'cannot_meet';
