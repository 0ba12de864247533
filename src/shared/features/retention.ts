/**
 * Retention: how long each kind of record is kept after its case closed, the
 * review list of records past that date, and a manager's decision on each
 * (keep longer with a reason, anonymise, or delete).
 */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

const years = (label: string) =>
  z
    .number(`Enter a number of years for ${label}`)
    .int('Enter whole years')
    .min(1, 'At least 1 year')
    .max(100, 'At most 100 years');

/** Kept longer when children were involved or a safeguarding concern was raised (the longest that applies wins). */
const withLonger = (label: string) =>
  z.object({
    years: years(label),
    yearsWithChildren: years(`${label} when children were involved`),
    yearsWithSafeguarding: years(`${label} when a safeguarding concern was raised`),
  });

export const retentionPolicySchema = z.object({
  /** a man's case that ended (completed or exited): years after the date it ended */
  participantCase: withLonger('a closed case'),
  /** a referral that never started (not suitable, or no change since): years after the last change */
  participantReferral: z.object({ years: years('a referral that did not go ahead') }),
  /** a partner's record: years after the last contact, once every linked man's case has closed */
  partner: withLonger("a partner's record"),
});
export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

/** Our defaults, to be set by each organisation: six years is the common practice; children and safeguarding records are kept longer. */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  participantCase: { years: 6, yearsWithChildren: 15, yearsWithSafeguarding: 15 },
  participantReferral: { years: 3 },
  partner: { years: 6, yearsWithChildren: 15, yearsWithSafeguarding: 15 },
};

export const retentionRules = ['participant_case', 'participant_referral', 'partner'] as const;
export type RetentionRule = (typeof retentionRules)[number];
export const retentionRuleLabels: Record<RetentionRule, string> = {
  participant_case: 'Closed case',
  participant_referral: 'Referral that did not go ahead',
  partner: "Partner's record",
};

export const retentionSubjects = ['participant', 'partner'] as const;
export type RetentionSubject = (typeof retentionSubjects)[number];

export interface RetentionReviewRow {
  subject: RetentionSubject;
  rule: RetentionRule;
  id: string;
  reference: string;
  name: string;
  /** the date the clock started: the case closed, the last change, or the last contact */
  closedOn: string;
  keepUntil: string;
  /** why the longer period applies, in words */
  longerBecause: string[];
  extended: { until: string; reason: string; byName: string | null; on: string } | null;
}

export interface RetentionReview {
  due: RetentionReviewRow[];
  /** how many more fall due in the next 90 days */
  dueSoon: number;
  /** records anonymised so far (they stay in the figures) */
  anonymised: number;
}

const target = { subject: z.enum(retentionSubjects), id: z.uuid('Choose a record') };

export const retentionExtendInput = z
  .object({
    ...target,
    keepUntil: isoDate('Keep until'),
    reason: z.string().trim().min(1, 'Give the reason for keeping it longer').max(2000, 'The reason is too long'),
  })
  .refine((v) => v.keepUntil > todayInLondon(), { message: 'Keep it until a date after today', path: ['keepUntil'] });

export const retentionAnonymiseInput = z.object(target);

/** Deletion is typed out: the confirmation must be the record's reference. */
export const retentionDeleteInput = z.object({ ...target, confirmation: z.string().trim().max(40) });

export interface RetentionOutcome {
  subject: RetentionSubject;
  id: string;
  action: 'extended' | 'anonymised' | 'deleted';
  /** shown after anonymising or deleting: the encrypted backups made before today still hold the record until they are replaced */
  backupNote: string;
}

export const BACKUP_NOTE =
  'Backups made before today still hold this record until they are replaced under the backup rotation. It is gone from this computer now.';
