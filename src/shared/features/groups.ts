/** Groups and one-to-one work: schedules, sessions, the calendar and enrolment. */
import { z } from 'zod';
import { isoDate } from '../dates';
import type { Flag } from './participants';

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
const time = z.string().max(5, 'Enter a time as HH:MM (24-hour)').regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM (24-hour)');

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayLabels: Record<number, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

export const CAPACITY_LOW = 8;
export const CAPACITY_HIGH = 12;

/** Things the person should know before saving; saving again with `confirm: true` accepts them. */
export interface Warning {
  code: string;
  message: string;
}

export const groupFields = z.object({
  programmeTypeId: z.uuid('Choose the programme'),
  name: text('Name', 120).min(1, 'Enter a name for the group'),
  venue: text('Venue', 200).min(1, 'Enter the venue'),
  weekday: z.number('Choose the day').int().min(1).max(7),
  startTime: time,
  startDate: isoDate('Start date'),
  facilitatorIds: z.array(z.uuid()).min(1, 'Choose at least one facilitator').max(2, 'At most two facilitators'),
  capacity: z.number('Enter the capacity').int().min(1, 'At least 1 place').max(30, 'At most 30 places'),
  intake: z.enum(['closed', 'rolling'], 'Choose closed or rolling intake'),
  /** for one-to-one work: the one man it is for */
  participantId: z.uuid().nullable().default(null),
  interpreterNeeded: z.boolean().default(false),
});
export const groupCreateInput = groupFields.extend({ confirm: z.boolean().default(false) });
export const groupUpdateInput = groupFields.omit({ programmeTypeId: true, startDate: true, weekday: true, startTime: true, participantId: true }).extend({
  id: z.uuid(),
  version: z.number().int(),
  confirm: z.boolean().default(false),
});

export type GroupStatus = 'planned' | 'running' | 'finished';

export interface Group {
  id: string;
  version: number;
  programmeTypeId: string;
  programmeName: string;
  kind: 'group' | 'one_to_one' | 'intensive' | 'early_intervention';
  name: string;
  venue: string;
  weekday: number;
  startTime: string;
  startDate: string;
  endDate: string | null;
  facilitatorIds: string[];
  facilitatorNames: string[];
  capacity: number;
  intake: 'closed' | 'rolling';
  participantId: string | null;
  interpreterNeeded: boolean;
  status: GroupStatus;
  enrolled: number;
  sessionsTotal: number;
  sessionsHeld: number;
  /** notes for the manager: capacity, the facilitator pair */
  notes: string[];
}

export type GroupSaveResult = { saved: true; group: Group; warnings: Warning[] } | { saved: false; warnings: Warning[] };

export const sessionStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export interface Session {
  id: string;
  version: number;
  groupId: string;
  groupName: string;
  kind: Group['kind'];
  number: number;
  themeId: string | null;
  themeName: string | null;
  date: string;
  startTime: string;
  minutes: number;
  venue: string;
  facilitatorIds: string[];
  facilitatorNames: string[];
  status: SessionStatus;
  cancelReason: string;
  catchUpForSessionId: string | null;
  participantId: string | null;
  interpreterPresent: boolean;
  interpreterName: string;
  planStatus: 'none' | 'draft' | 'ready';
  registerTaken: boolean;
}

export const calendarInput = z
  .object({
    from: isoDate('From'),
    to: isoDate('To'),
    facilitatorId: z.uuid().optional(),
    venue: z.string().trim().max(200).optional(),
    groupId: z.uuid().optional(),
  })
  .refine((v) => v.from <= v.to, { message: 'The end is before the start', path: ['to'] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 92 * 86_400_000, { message: 'Show at most three months at once', path: ['to'] });

export const rescheduleInput = z.object({
  id: z.uuid(),
  version: z.number().int(),
  date: isoDate('Date'),
  startTime: time,
  venue: text('Venue', 200).min(1, 'Enter the venue'),
  facilitatorIds: z.array(z.uuid()).min(1, 'Choose at least one facilitator').max(2),
  reason: text('Reason', 1000).min(1, 'Give the reason for the change'),
  confirm: z.boolean().default(false),
});
export const cancelSessionInput = z.object({ id: z.uuid(), version: z.number().int(), reason: text('Reason', 1000).min(1, 'Give the reason for cancelling') });
export const catchUpInput = z.object({
  missedSessionId: z.uuid(),
  participantId: z.uuid(),
  date: isoDate('Date'),
  startTime: time,
  venue: text('Venue', 200).min(1, 'Enter the venue'),
  facilitatorId: z.uuid('Choose the facilitator'),
  confirm: z.boolean().default(false),
});

/** A move or cancellation of one session, kept with its reason. */
export interface SessionChange {
  id: string;
  kind: 'rescheduled' | 'cancelled';
  reason: string;
  at: string;
  byName: string | null;
  before: { date: string; startTime: string; venue: string; facilitatorIds: string[]; facilitatorNames?: string[] };
  /** where it moved to; null when it was cancelled */
  after: { date: string; startTime: string; venue: string; facilitatorIds: string[]; facilitatorNames?: string[] } | null;
}

export type SessionSaveResult = { saved: true; session: Session; warnings: Warning[] } | { saved: false; warnings: Warning[] };

export const enrolInput = z.object({
  groupId: z.uuid(),
  participantIds: z.array(z.uuid()).min(1, 'Choose at least one man').max(30),
  /** a manager may enrol someone not assessed as suitable, with the reason */
  overrideReason: text('Reason', 1000).default(''),
  confirm: z.boolean().default(false),
});
export const moveEnrolmentInput = z.object({ enrolmentId: z.uuid(), toGroupId: z.uuid(), reason: text('Reason', 1000).min(1, 'Give the reason'), confirm: z.boolean().default(false) });
export const leaveEnrolmentInput = z.object({ enrolmentId: z.uuid(), reason: text('Reason', 1000).min(1, 'Give the reason'), leftOn: isoDate('Date') });

export interface Enrolment {
  id: string;
  groupId: string;
  groupName: string;
  participantId: string;
  participantName: string | null;
  reference: string;
  status: 'active' | 'moved' | 'left';
  joinedOn: string;
  leftOn: string | null;
  reason: string;
  overrideReason: string;
  firstSessionNumber: number | null;
  /** his safety flags (only "restricted" when the viewer may not open his record) */
  flags: Flag[];
}

export type EnrolResult = { saved: true; enrolments: Enrolment[]; warnings: Warning[] } | { saved: false; warnings: Warning[] };

export interface GroupDetail {
  group: Group;
  sessions: Session[];
  enrolments: Enrolment[];
  /** closure dates on the group's day within its schedule, when no session is held */
  skippedDates: Array<{ date: string; reason: string }>;
}
