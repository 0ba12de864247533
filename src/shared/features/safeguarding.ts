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

/** Every lawful basis an entry can have, including the two the program records itself. */
export const sharingLogBases = ['consent', 'without_consent', 'child_protection', 'subject_access'] as const satisfies ReadonlyArray<SharingEntry['basis']>;
export const sharingBasisLabels: Record<SharingEntry['basis'], string> = {
  consent: 'Consent',
  without_consent: 'Without consent (a manager’s decision)',
  child_protection: 'Child protection',
  subject_access: 'His own request (subject access)',
};

const sharingLogFilters = z.object({
  from: isoDate('From').optional(),
  to: isoDate('To').optional(),
  basis: z.enum(sharingLogBases, 'Choose a lawful basis from the list').optional(),
  /** his record (the programme side) or hers (the partner service) */
  side: z.enum(['participant', 'partner'], 'Choose his record or hers').optional(),
  /** part of the agency's name, any case */
  agency: z.string().trim().max(200, 'Agency is too long (at most 200 characters)').default(''),
});
const periodInOrder = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
};

/** The organisation-wide log (managers, and the data protection lead among them): filtered and paged like the participants list. */
export const sharingLogInput = sharingLogFilters
  .extend({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(200).default(50) })
  .superRefine(periodInOrder);
/** The same filters without paging: every matching entry, as CSV. */
export const sharingLogExportInput = sharingLogFilters.superRefine(periodInOrder);

export interface SharingLogEntry extends SharingEntry {
  /** his reference (P-…) or hers (W-…); null once the record has been deleted */
  subjectReference: string | null;
  /** null when his record is restricted and the reader is not named on it */
  subjectName: string | null;
  /**
   * His record is restricted and the reader is not named on it: the entry shows that a
   * disclosure was made (when, to whom, on what basis, by whom) but not what or why.
   */
  withheld: boolean;
  /** the consent relied on, in words: who it is for and what for */
  consentText: string | null;
}

export interface SharingLogPage {
  entries: SharingLogEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** Which of the children on one record (his or hers) are named in an open concern. */
export const childFlagsInput = z.object({ participantId: z.uuid().optional(), partnerId: z.uuid().optional() });

export interface ChildFlags {
  /**
   * The keys (see childKey) of the record's own children named in an open concern on
   * either side. Only the record's own children are ever matched, so nothing a concern
   * says (not even a name it gives) crosses the partner wall: only the fact of a flag.
   */
  flagged: string[];
}

/** Concerns give children's names as free text: "Tom", " tom ", "TOM" are one child. */
export const childKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/** The children (by name) among `children` that any of the concerns' children lists names. */
export function flaggedChildren(children: readonly string[], concernChildren: ReadonlyArray<readonly string[]>): string[] {
  const named = new Set(concernChildren.flat().map(childKey).filter(Boolean));
  return [...new Set(children.map(childKey))].filter((k) => k && named.has(k));
}
