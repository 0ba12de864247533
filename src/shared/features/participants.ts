/**
 * A participant's record: who he is, his referrals, his status through the
 * programme, and who may open a restricted record.
 */
import { z } from 'zod';
import { ageOn, isoDate, todayInLondon } from '../dates';
import { foldForSearch } from '../text';

const text = (label: string, max = 200) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
const optionalText = (label: string, max = 200) => text(label, max).default('');
const requiredText = (label: string, max = 200) => text(label, max).min(1, `Enter ${label.toLowerCase()}`);

export const referralSources = [
  'family_court_cafcass',
  'probation',
  'childrens_services',
  'police',
  'other_professional',
  'partner',
  'family_friend',
  'self',
] as const;
export type ReferralSource = (typeof referralSources)[number];
export const referralSourceLabels: Record<ReferralSource, string> = {
  family_court_cafcass: 'Family court / Cafcass',
  probation: 'Probation',
  childrens_services: "Children's services",
  police: 'Police',
  other_professional: 'Other professional',
  partner: 'Partner or ex-partner',
  family_friend: 'Family or friend',
  self: 'Self-referral',
};

export const referralRoutes = ['criminal_justice', 'family_court', 'voluntary'] as const;
export type ReferralRoute = (typeof referralRoutes)[number];
export const referralRouteLabels: Record<ReferralRoute, string> = {
  criminal_justice: 'Criminal justice',
  family_court: 'Family court',
  voluntary: 'Voluntary',
};

export const statuses = ['referred', 'awaiting_assessment', 'assessed', 'waiting_list', 'active', 'completed', 'exited'] as const;
export type Status = (typeof statuses)[number];
export const statusLabels: Record<Status, string> = {
  referred: 'Referred',
  awaiting_assessment: 'Awaiting assessment',
  assessed: 'Assessed',
  waiting_list: 'Waiting list',
  active: 'Active',
  completed: 'Completed',
  exited: 'Exited',
};

export const assessmentOutcomes = ['suitable_group', 'suitable_one_to_one', 'not_suitable', 'deferred'] as const;
export type AssessmentOutcome = (typeof assessmentOutcomes)[number];
export const assessmentOutcomeLabels: Record<AssessmentOutcome, string> = {
  suitable_group: 'Suitable for group',
  suitable_one_to_one: 'Suitable for one-to-one',
  not_suitable: 'Not suitable',
  deferred: 'Deferred',
};

/** Outcomes that let him move on to the waiting list or a group without a reason (the status dialog, setStatus and the status import). */
export const suitableOutcomes: readonly AssessmentOutcome[] = ['suitable_group', 'suitable_one_to_one'];
/** Moving him to the waiting list or a group without a suitable assessment needs a reason: one rule for the window, the service and the import. */
export const needsReasonToMoveOn = (status: Status | null | undefined, outcome: string | null | undefined): boolean =>
  (status === 'waiting_list' || status === 'active') && !suitableOutcomes.includes((outcome ?? '') as AssessmentOutcome);

export const exitReasons = ['withdrew', 'deselected_attendance', 'deselected_conduct', 'moved_away', 'custody', 'other'] as const;
export type ExitReason = (typeof exitReasons)[number];
export const exitReasonLabels: Record<ExitReason, string> = {
  withdrew: 'Withdrew',
  deselected_attendance: 'Deselected for attendance',
  deselected_conduct: 'Deselected for conduct',
  moved_away: 'Moved away',
  custody: 'In custody',
  other: 'Other',
};

export const safeToContactOptions = ['yes', 'no', 'check_first'] as const;
export const safeToContactLabels: Record<(typeof safeToContactOptions)[number], string> = {
  yes: 'Yes',
  no: 'No — do not contact directly',
  check_first: 'Check the note first',
};

const agencySchema = z.object({
  agency: requiredText('Agency name', 120),
  contactName: optionalText('Contact name', 120),
  role: optionalText('Role', 120),
  phone: optionalText('Phone', 40),
  email: optionalText('Email', 120),
});

const childSchema = z.object({
  name: requiredText("Child's name", 120),
  dateOfBirth: isoDate("Child's date of birth").or(z.literal('')).default(''),
  livesWith: optionalText('Lives with', 200),
});

/** Optional equality monitoring: asked, never required; "prefer not to say" is an answer. */
const equalitySchema = z.object({
  ethnicity: optionalText('Ethnicity', 120),
  disability: optionalText('Disability', 200),
  religion: optionalText('Religion or belief', 120),
  sexualOrientation: optionalText('Sexual orientation', 120),
});

export const participantDetailsBase = z.object({
  firstName: requiredText('First name', 100),
  lastName: requiredText('Last name', 100),
  preferredName: optionalText('Preferred name', 100),
  aliases: z.array(requiredText('Alias', 120)).max(20, 'At most 20 aliases').default([]),
  dateOfBirth: isoDate('Date of birth'),
  under18Reason: optionalText('Reason for accepting someone under 18', 1000),
  gender: optionalText('Gender', 60),
  pronouns: optionalText('Pronouns', 40),
  phone: optionalText('Phone', 40),
  email: z.union([z.literal(''), z.email('Enter a valid email address')]).default(''),
  address: optionalText('Address', 400),
  safeToContact: z.enum(safeToContactOptions, 'Choose whether it is safe to contact him').default('check_first'),
  contactNote: optionalText('Contact note', 1000),
  language: optionalText('Language', 60).default('English'),
  interpreterNeeded: z.boolean().default(false),
  highProfile: z.boolean().default(false),
  childProtection: z.boolean().default(false),
  gpName: optionalText('GP name', 120),
  gpPractice: optionalText('GP practice', 200),
  gpPhone: optionalText('GP phone', 40),
  agencies: z.array(agencySchema).max(30).default([]),
  children: z.array(childSchema).max(20).default([]),
  equality: equalitySchema.default({ ethnicity: '', disability: '', religion: '', sexualOrientation: '' }),
  keyWorkerId: z.uuid('Choose a key worker').nullable().default(null),
});

/** Checks that need today's date: a birth date in the past, a reason for anyone under 18. */
export function checkDetails(
  v: { dateOfBirth: string; under18Reason: string; children: Array<{ dateOfBirth: string }> },
  today: string,
  ctx: z.RefinementCtx,
): void {
  if (v.dateOfBirth > today) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth cannot be in the future' });
  } else if (ageOn(v.dateOfBirth, today) > 110) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Check the date of birth: that would make him over 110' });
  } else if (ageOn(v.dateOfBirth, today) < 18 && !v.under18Reason) {
    ctx.addIssue({
      code: 'custom',
      path: ['under18Reason'],
      message: 'He is under 18, which is usually a different service: give the reason for accepting him',
    });
  }
  v.children.forEach((child, i) => {
    if (child.dateOfBirth && child.dateOfBirth > today) {
      ctx.addIssue({ code: 'custom', path: ['children', i, 'dateOfBirth'], message: "A child's date of birth cannot be in the future" });
    }
  });
}

export const referralBase = z.object({
  source: z.enum(referralSources, 'Choose who referred him'),
  agency: optionalText('Referring agency', 200),
  contactName: optionalText('Named contact', 120),
  contactDetails: optionalText('Contact details', 400),
  receivedOn: isoDate('Date received'),
  reason: requiredText('Reason for referral', 5000),
  route: z.enum(referralRoutes, 'Choose the route'),
  courtReference: optionalText('Court or order reference', 80),
  hearingDate: isoDate('Hearing date').or(z.literal('')).default(''),
  reportDueDate: isoDate('Report due date').or(z.literal('')).default(''),
});
export type ReferralInput = z.input<typeof referralBase>;

export function checkReferral(
  r: { receivedOn: string; reportDueDate: string; hearingDate: string },
  dateOfBirth: string | null,
  today: string,
  ctx: z.RefinementCtx,
): void {
  if (r.receivedOn > today) ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'Date received cannot be in the future' });
  if (dateOfBirth && r.receivedOn < dateOfBirth) {
    ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'Date received cannot be before his date of birth' });
  }
  if (r.reportDueDate && r.reportDueDate < r.receivedOn) {
    ctx.addIssue({ code: 'custom', path: ['reportDueDate'], message: 'The report due date cannot be before the referral was received' });
  }
}

export type ParticipantDetails = z.output<typeof participantDetailsBase>;
export type ParticipantDetailsInput = z.input<typeof participantDetailsBase>;

export const idInput = z.object({ id: z.uuid('Choose a record') });
export const participantIdInput = z.object({ participantId: z.uuid('Choose a participant') });

export const findDuplicatesInput = z.object({
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  dateOfBirth: isoDate('Date of birth').or(z.literal('')).default(''),
  aliases: z.array(z.string().trim().max(120)).max(20).default([]),
});

/**
 * A possible match. For a restricted record the caller may not open, only that one may
 * match: no reference, status, name or reasons, and an id that leads nowhere, so the
 * check cannot tie a name and date of birth to a restricted record.
 */
export interface DuplicateCandidate {
  id: string;
  reference: string | null;
  name: string | null;
  dateOfBirth: string | null;
  aliases: string[];
  status: Status | null;
  restricted: boolean;
  /** whether this referral may be added to that record */
  canLink: boolean;
  reasons: string[];
}

export const RESTRICTED_MATCH = 'A restricted record may match; ask a manager before saving.';

export const participantDetails = participantDetailsBase.superRefine((v, ctx) => checkDetails(v, todayInLondon(), ctx));

export const referral = referralBase.superRefine((r, ctx) => checkReferral(r, null, todayInLondon(), ctx));

/** A new referral: for a new person, or (linkToParticipantId) for someone already on record. */
export const createReferralInput = z
  .object({
    details: participantDetails,
    referral,
    linkToParticipantId: z.uuid().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (!v.linkToParticipantId && v.referral.receivedOn < v.details.dateOfBirth) {
      ctx.addIssue({ code: 'custom', path: ['referral', 'receivedOn'], message: 'Date received cannot be before his date of birth' });
    }
  });

export const updateDetailsInput = z.object({ id: z.uuid(), version: z.number().int().min(1), details: participantDetails });

export const addReferralInput = z.object({ participantId: z.uuid(), referral });

export const updateReferralInput = z.object({ id: z.uuid(), version: z.number().int().min(1), referral });

export const setStatusInput = z
  .object({
    id: z.uuid(),
    version: z.number().int().min(1),
    status: z.enum(statuses, 'Choose a status'),
    outcome: z.enum(assessmentOutcomes).nullable().default(null),
    exitReason: z.enum(exitReasons).nullable().default(null),
    reason: optionalText('Reason', 2000),
    effectiveOn: isoDate('Date of the change'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'assessed' && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Choose the assessment outcome' });
    if (v.status === 'assessed' && (v.outcome === 'not_suitable' || v.outcome === 'deferred') && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for this decision' });
    }
    if (v.status === 'exited' && !v.exitReason) ctx.addIssue({ code: 'custom', path: ['exitReason'], message: 'Choose why he left' });
    if (v.status === 'exited' && v.exitReason === 'other' && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Describe why he left' });
    }
    if (v.effectiveOn > todayInLondon()) {
      ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'The date of the change cannot be in the future' });
    }
  });

export const restrictInput = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  restricted: z.boolean(),
  staffIds: z.array(z.uuid()).max(50).default([]),
  reason: optionalText('Reason', 1000),
});

export const flagNames = ['child_protection', 'safeguarding', 'high_risk', 'interpreter', 'restricted', 'high_profile'] as const;
export type Flag = (typeof flagNames)[number];
export const flagLabels: Record<Flag, string> = {
  child_protection: 'Child protection',
  safeguarding: 'Open safeguarding concern',
  high_risk: 'High risk',
  interpreter: 'Interpreter needed',
  restricted: 'Restricted',
  high_profile: 'High profile',
};

export const listSorts = ['name', 'reference', 'referred', 'status', 'updated'] as const;
export const listInput = z.object({
  status: z.enum(statuses).optional(),
  route: z.enum(referralRoutes).optional(),
  source: z.enum(referralSources).optional(),
  keyWorkerId: z.uuid().optional(),
  flag: z.enum(flagNames).optional(),
  sort: z.enum(listSorts).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});

export interface ParticipantRow {
  id: string;
  reference: string;
  /** null when the record is restricted and the caller is not on its list */
  name: string | null;
  dateOfBirth: string | null;
  status: Status;
  route: ReferralRoute | null;
  source: ReferralSource | null;
  referredOn: string | null;
  keyWorkerName: string | null;
  flags: Flag[];
  restricted: boolean;
  canOpen: boolean;
}

export interface ParticipantList {
  rows: ParticipantRow[];
  total: number;
  page: number;
  pageSize: number;
}

export const searchInput = z.object({ q: z.string().max(200).default(''), limit: z.number().int().min(1).max(50).default(20) });

export interface SearchHit {
  id: string;
  reference: string;
  name: string | null;
  status: Status;
  restricted: boolean;
  canOpen: boolean;
  matchedOn: 'name' | 'alias' | 'reference' | 'note';
  flags: Flag[];
}

export interface Referral extends z.output<typeof referralBase> {
  id: string;
  participantId: string;
  version: number;
  createdAt: string;
  createdByName: string | null;
}

export interface StatusChange {
  id: string;
  status: Status;
  outcome: AssessmentOutcome | null;
  exitReason: ExitReason | null;
  reason: string;
  effectiveOn: string;
  changedAt: string;
  changedByName: string | null;
}

export interface WaitingListRow {
  id: string;
  reference: string;
  name: string | null;
  referredOn: string;
  daysWaiting: number;
  /** the day he went on the waiting list (his latest move onto it) */
  waitingSince: string | null;
  outcome: AssessmentOutcome | null;
  route: ReferralRoute | null;
  flags: Flag[];
  canOpen: boolean;
}

export interface ParticipantHeader {
  id: string;
  reference: string;
  name: string;
  dateOfBirth: string;
  status: Status;
  outcome: AssessmentOutcome | null;
  exitReason: ExitReason | null;
  flags: Flag[];
  keyWorkerId: string | null;
  keyWorkerName: string | null;
}

/**
 * The first keystrokes: every word of the search one or two letters long. Such a search matches
 * thousands of index entries, so it looks only at names, aliases and references, without ranking
 * them (the window sorts what it finds by name); case notes are searched from the third letter.
 */
export function isShortSearch(q: string): boolean {
  const words = foldForSearch(q).split(' ').filter(Boolean);
  return words.length > 0 && words.every((word) => word.length < 3);
}
