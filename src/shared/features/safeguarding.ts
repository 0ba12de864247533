/**
 * Safeguarding concerns on either side, and the information-sharing log: every
 * disclosure with its lawful basis. An open concern flags the man, the
 * partner and the children for every role.
 */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);

export const concernKinds = ['child_protection', 'adult_at_risk'] as const;
export const concernKindLabels: Record<(typeof concernKinds)[number], string> = { child_protection: 'Child protection', adult_at_risk: 'Adult at risk' };

const actionsSchema = z.object({
  discussedWithManager: z.boolean().default(false),
  childrensServicesReferral: z.boolean().default(false),
  childrensServicesReference: text('Reference', 80).default(''),
  policeInformed: z.boolean().default(false),
  policeReference: text('Reference', 80).default(''),
});

const concernFields = z.object({
  kind: z.enum(concernKinds, 'Choose the kind of concern'),
  raisedOn: isoDate('Date raised'),
  what: text('What was seen or heard', 10_000).min(1, 'Describe what was seen or heard'),
  children: z.array(text("Child's name", 120).min(1)).max(20).default([]),
  actions: actionsSchema.default({ discussedWithManager: false, childrensServicesReferral: false, childrensServicesReference: '', policeInformed: false, policeReference: '' }),
  outcome: text('Outcome', 10_000).default(''),
  status: z.enum(['open', 'closed']).default('open'),
});
const notFuture = (v: { raisedOn: string }, ctx: z.RefinementCtx) => {
  if (v.raisedOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['raisedOn'], message: 'The date cannot be in the future' });
};
const closedNeedsOutcome = (v: { status: string; outcome: string }, ctx: z.RefinementCtx) => {
  if (v.status === 'closed' && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Record the outcome before closing the concern' });
};

/** A concern is about the man (participantId) or, behind the partner wall, a partner (partnerId). */
export const concernRaiseInput = concernFields
  .extend({ participantId: z.uuid().nullable().default(null), partnerId: z.uuid().nullable().default(null) })
  .superRefine(notFuture)
  .superRefine(closedNeedsOutcome)
  .refine((v) => Boolean(v.participantId) !== Boolean(v.partnerId), { message: 'A concern is about the man or about a partner', path: ['participantId'] });
export const concernUpdateInput = concernFields.extend({ id: z.uuid(), version: z.number().int() }).superRefine(notFuture).superRefine(closedNeedsOutcome);
export const concernListInput = z.object({ participantId: z.uuid().optional(), partnerId: z.uuid().optional(), status: z.enum(['open', 'closed', 'all']).default('all') });

export interface Concern extends z.output<typeof concernFields> {
  id: string;
  version: number;
  side: 'participant' | 'partner';
  participantId: string | null;
  partnerId: string | null;
  raisedByName: string | null;
  updatedAt: string;
}

export const sharingBases = ['consent', 'without_consent'] as const;

export const sharingRecordInput = z
  .object({
    participantId: z.uuid().nullable().default(null),
    partnerId: z.uuid().nullable().default(null),
    what: text('What was shared', 5000).min(1, 'Say what was shared'),
    agency: text('Agency', 200).min(1, 'Name the agency'),
    person: text('Named person', 120).default(''),
    sharedOn: isoDate('Date shared'),
    why: text('Why', 5000).min(1, 'Say why it was shared'),
    basis: z.enum(sharingBases, 'Choose the lawful basis'),
    /** with basis "consent" about the man: the consent that covers it */
    consentId: z.uuid().nullable().default(null),
    /** with basis "without_consent": the manager's reason for sharing without consent */
    decisionReason: text('Reason', 5000).default(''),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.participantId) === Boolean(v.partnerId)) ctx.addIssue({ code: 'custom', path: ['participantId'], message: 'A disclosure is about the man or about a partner' });
    if (v.sharedOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['sharedOn'], message: 'The date cannot be in the future' });
    if (v.basis === 'consent' && v.participantId && !v.consentId) ctx.addIssue({ code: 'custom', path: ['consentId'], message: 'Choose the consent that covers this' });
    if (v.basis === 'without_consent' && !v.decisionReason) ctx.addIssue({ code: 'custom', path: ['decisionReason'], message: 'Record the reason for sharing without consent' });
  });
export const sharingListInput = z.object({ participantId: z.uuid().optional(), partnerId: z.uuid().optional() });

export interface SharingEntry {
  id: string;
  side: 'participant' | 'partner';
  participantId: string | null;
  partnerId: string | null;
  what: string;
  agency: string;
  person: string;
  sharedOn: string;
  why: string;
  /**
   * `subject_access`: his own request for his data, recorded by the program when the pack is produced.
   * `child_protection`: a child-protection referral, logged by the program under the exception to
   * confidentiality he was told about; no manager's decision is involved.
   */
  basis: (typeof sharingBases)[number] | 'subject_access' | 'child_protection';
  consentId: string | null;
  decisionReason: string;
  decidedByName: string | null;
  recordedByName: string | null;
  automatic: boolean;
  createdAt: string;
}
