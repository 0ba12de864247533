/** Case notes and his goals and achievements. */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

export const noteTypes = ['phone_call', 'meeting', 'agency_contact', 'other'] as const;
export type NoteType = (typeof noteTypes)[number];
export const noteTypeLabels: Record<NoteType, string> = {
  phone_call: 'Phone call',
  meeting: 'Meeting',
  agency_contact: 'Agency contact',
  other: 'Other',
};

const noteFields = z.object({
  noteType: z.enum(noteTypes, 'Choose the type of note'),
  occurredOn: isoDate('Date'),
  body: z.string().trim().min(1, 'Write the note').max(20_000, 'The note is too long (at most 20,000 characters)'),
});
const notFuture = (v: { occurredOn: string }, ctx: z.RefinementCtx) => {
  if (v.occurredOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: 'The date cannot be in the future' });
};
export const noteAddInput = noteFields.extend({ participantId: z.uuid() }).superRefine(notFuture);
export const noteUpdateInput = noteFields.extend({ id: z.uuid(), version: z.number().int().min(1) }).superRefine(notFuture);
export const noteListInput = z.object({
  participantId: z.uuid(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(20),
});

export interface CaseNote {
  id: string;
  participantId: string;
  version: number;
  noteType: NoteType;
  occurredOn: string;
  body: string;
  authorId: string;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
  edited: boolean;
}

export interface CaseNoteVersion {
  noteType: NoteType;
  occurredOn: string;
  body: string;
  /** who wrote this version, and when */
  byName: string | null;
  at: string;
}

export interface NotePage {
  notes: CaseNote[];
  total: number;
  page: number;
  pageSize: number;
}

export const goalKinds = ['goal', 'achievement'] as const;
const goalFields = z.object({
  kind: z.enum(goalKinds),
  text: z.string().trim().min(1, 'Describe the goal or achievement').max(2000, 'Too long (at most 2,000 characters)'),
  setOn: isoDate('Date'),
  achievedOn: isoDate('Date achieved').or(z.literal('')).default(''),
});
const goalDates = (v: { setOn: string; achievedOn: string }, ctx: z.RefinementCtx) => {
  if (v.setOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['setOn'], message: 'The date cannot be in the future' });
  if (v.achievedOn && v.achievedOn < v.setOn) ctx.addIssue({ code: 'custom', path: ['achievedOn'], message: 'It cannot be achieved before it was set' });
};
export const goalAddInput = goalFields.extend({ participantId: z.uuid() }).superRefine(goalDates);
export const goalUpdateInput = goalFields.extend({ id: z.uuid(), version: z.number().int().min(1) }).superRefine(goalDates);

export interface Goal extends z.output<typeof goalFields> {
  id: string;
  participantId: string;
  version: number;
  createdByName: string | null;
}
