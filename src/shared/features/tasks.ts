/** Things that need doing: raised by the program (reviews, consents, risk, reports) or by hand. */
import { z } from 'zod';
import { isoDate } from '../dates';
import { roles, type Role } from '../permissions';
import type { Flag } from './participants';

export const taskKinds = ['manual', 'review_due', 'consent_expiring', 'risk_raised', 'report_due', 'exit_review', 'unplanned_absence', 'concern', 'partner_alert', 'partner_contact_due', 'subject_access', 'backup_due', 'outcome_due', 'partner_outcome_due'] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskKindLabels: Record<TaskKind, string> = {
  manual: 'Task',
  review_due: 'Risk review due',
  consent_expiring: 'Consent to review',
  risk_raised: 'Risk raised',
  report_due: 'Report due',
  exit_review: 'Exit review',
  unplanned_absence: 'Unplanned absence',
  concern: 'Concern raised',
  partner_alert: 'Alert for the partner service',
  partner_contact_due: 'Partner contact due',
  subject_access: 'Subject access request due',
  backup_due: 'Backup due',
  outcome_due: 'Outcome measures due',
  partner_outcome_due: 'Partner outcome measures due',
};

/** Tasks about a partner: only roles behind the partner wall see them. */
export const partnerTaskKinds: readonly TaskKind[] = ['partner_alert', 'partner_contact_due', 'partner_outcome_due'];

export const taskAddInput = z
  .object({
    participantId: z.uuid().nullable().default(null),
    title: z.string().trim().min(1, 'Say what needs doing').max(200, 'Title is too long'),
    detail: z.string().trim().max(5000).default(''),
    assigneeId: z.uuid().nullable().default(null),
    assigneeRole: z.enum(roles).nullable().default(null),
    dueOn: isoDate('Due date'),
    urgent: z.boolean().default(false),
  })
  .refine((v) => v.assigneeId || v.assigneeRole, { message: 'Assign the task to a person or a role', path: ['assigneeId'] });

/**
 * Tasks that carry risk close only when the thing is done (a risk review recorded, the consent
 * reviewed, the report signed off): they cannot be closed by hand.
 */
export const closesByItself: readonly TaskKind[] = ['review_due', 'consent_expiring', 'report_due'];

/** Closing a task by hand always says why. */
export const taskCompleteInput = z.object({
  id: z.uuid(),
  note: z
    .string('Say what was done, or why the task is no longer needed')
    .trim()
    .min(1, 'Say what was done, or why the task is no longer needed')
    .max(5000, 'At most 5,000 characters'),
});

export const taskReopenInput = z.object({
  id: z.uuid(),
  reason: z.string().trim().max(5000, 'At most 5,000 characters').default(''),
});

export const taskListInput = z.object({
  participantId: z.uuid().optional(),
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['open', 'done']).default('open'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});

export interface Task {
  id: string;
  participantId: string | null;
  participantReference: string | null;
  participantName: string | null;
  /** his safety flags; only ['restricted'] when the caller may not open his record */
  participantFlags: Flag[];
  kind: TaskKind;
  title: string;
  detail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeRole: Role | null;
  dueOn: string;
  urgent: boolean;
  status: 'open' | 'done';
  overdue: boolean;
  doneAt: string | null;
  doneByName: string | null;
  doneNote: string;
  createdAt: string;
  /** null for the tasks the program raises itself */
  createdById: string | null;
  /** the partner it is about (shown only behind the partner wall) */
  partnerId: string | null;
  /** for an open partner alert: the latest attempt about it that did not reach her */
  lastAttempt: { at: string; outcome: string } | null;
}

export interface TaskPage {
  tasks: Task[];
  /** the page these tasks are: the list keeps them on screen while the next page loads */
  page: number;
  total: number;
  overdue: number;
}
