/**
 * The partner support service: partners and ex-partners, how to contact each
 * safely, the contact log, the risk checklist, safety plans and MARAC/MAPPA.
 * Everything here is behind the partner wall (partner workers and managers).
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import { isoDate, todayInLondon } from '../dates';
import { listInput as participantListInput, type ParticipantList } from './participants';

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
const optional = (label: string, max = 200) => text(label, max).default('');

export const relationships = ['current', 'ex'] as const;
export const relationshipLabels: Record<(typeof relationships)[number], string> = { current: 'Current partner', ex: 'Ex-partner' };

export const contactStatuses = ['not_attempted', 'in_contact', 'declined', 'unable'] as const;
export type ContactStatus = (typeof contactStatuses)[number];
/** The only thing about his partners that the programme side may see. */
export const contactStatusLabels: Record<ContactStatus, string> = {
  not_attempted: 'Not yet attempted',
  in_contact: 'In contact',
  declined: 'Declined the service',
  unable: 'Unable to contact',
};

export const safeContactSchema = z.object({
  safeNumber: optional('Safe number', 40),
  safeTimes: optional('Safe times', 200),
  messageAllowed: z.enum(['yes', 'no', 'ask'], 'Say whether a message may be left').default('no'),
  nameToGive: optional('Name to give', 80),
  codeWord: optional('Code word', 80),
  notes: optional('Other instructions', 2000),
});

export const partnerDetailsSchema = z.object({
  firstName: text('First name', 100).min(1, 'Enter her first name'),
  lastName: text('Last name', 100).min(1, 'Enter her last name'),
  dateOfBirth: isoDate('Date of birth').or(z.literal('')).default(''),
  phone: optional('Phone', 40),
  email: z.union([z.literal(''), z.email('Enter a valid email address')]).default(''),
  address: optional('Address', 400),
  safeContact: safeContactSchema.default({ safeNumber: '', safeTimes: '', messageAllowed: 'no', nameToGive: '', codeWord: '', notes: '' }),
  language: optional('Language', 60).default('English'),
  interpreterNeeded: z.boolean().default(false),
  children: z.array(z.object({ name: text("Child's name", 120).min(1, "Enter the child's name"), dateOfBirth: isoDate("Child's date of birth").or(z.literal('')).default(''), livesWith: optional('Lives with', 200) })).max(20).default([]),
  consentToService: z.boolean().default(false),
  consentToSharing: z.boolean().default(false),
  consentNotes: optional('Consent notes', 2000),
  workerId: z.uuid('Choose the partner worker').nullable().default(null),
});
export type PartnerDetails = z.output<typeof partnerDetailsSchema>;

export const partnerLinkSchema = z
  .object({
    participantId: z.uuid('Choose the man she is linked to'),
    relationship: z.enum(relationships, 'Choose current partner or ex-partner'),
    from: isoDate('From').or(z.literal('')).default(''),
    to: isoDate('To').or(z.literal('')).default(''),
  })
  .refine((l) => !l.from || !l.to || l.from <= l.to, { message: 'The end is before the start', path: ['to'] });

export const partnerCreateInput = z.object({ details: partnerDetailsSchema, link: partnerLinkSchema });
export const partnerUpdateInput = z.object({ id: z.uuid(), version: z.number().int(), details: partnerDetailsSchema });
export const partnerLinkInput = z.object({ partnerId: z.uuid(), link: partnerLinkSchema });
/** Changing a link: current or ex, and the dates; ending it is recording the separation (ex, with the date). */
export const partnerLinkUpdateInput = z
  .object({
    partnerId: z.uuid(),
    linkId: z.uuid(),
    relationship: z.enum(relationships, 'Choose current partner or ex-partner'),
    from: isoDate('Together from').or(z.literal('')).default(''),
    to: isoDate('Separated on').or(z.literal('')).default(''),
  })
  .superRefine((l, ctx) => {
    if (l.from && l.to && l.to < l.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The separation date cannot be before the date they got together' });
    if (l.to && l.to > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The separation date cannot be in the future' });
    if (l.to && l.relationship === 'current') ctx.addIssue({ code: 'custom', path: ['relationship'], message: 'With a separation date she is his ex-partner' });
  });
export const partnerIdInput = z.object({ partnerId: z.uuid() });

export interface PartnerLink {
  id: string;
  participantId: string;
  participantReference: string;
  participantName: string | null;
  relationship: (typeof relationships)[number];
  from: string;
  to: string;
}

export interface PartnerSummary {
  id: string;
  reference: string;
  name: string;
  contactStatus: ContactStatus;
  riskLevel: RiskBand | null;
  workerName: string | null;
  links: PartnerLink[];
  nextContactDue: string | null;
  openSafeguarding: boolean;
}

/** "No level yet": no checklist, or only incomplete ones. */
export const riskFilters = ['high', 'standard', 'none'] as const;
export const riskFilterLabels: Record<(typeof riskFilters)[number], string> = { high: 'High risk', standard: 'Standard risk', none: 'No level yet' };

/** The partner service's list: filters a worker uses, sorted by name, paged like the participants list. */
export const partnerListInput = z.object({
  contactStatus: z.enum(contactStatuses).optional(),
  risk: z.enum(riskFilters).optional(),
  /** only the partners whose worker is the person asking */
  mine: z.boolean().default(false),
  openSafeguarding: z.boolean().default(false),
  page: participantListInput.shape.page,
  pageSize: participantListInput.shape.pageSize,
});
export type PartnerList = Omit<ParticipantList, 'rows'> & { rows: PartnerSummary[] };

export const contactMethods = ['phone', 'text', 'email', 'in_person', 'letter', 'other'] as const;
export const contactOutcomes = ['no_answer', 'spoke', 'declined', 'unsafe', 'message_left'] as const;
export const contactOutcomeLabels: Record<(typeof contactOutcomes)[number], string> = {
  no_answer: 'No answer',
  spoke: 'Spoke with her',
  declined: 'Declined',
  unsafe: 'Unsafe to talk',
  message_left: 'Message left',
};

export const contactLogInput = z
  .object({
    partnerId: z.uuid(),
    at: z.iso.datetime({ message: 'Enter the date and time', offset: true }),
    method: z.enum(contactMethods, 'Choose how'),
    outcome: z.enum(contactOutcomes, 'Choose what happened'),
    notes: optional('Notes', 10_000),
    nextContactDue: isoDate('Next contact due').or(z.literal('')).default(''),
    /** the alert this contact is about, if any: its task is closed only when she was spoken to */
    alertTaskId: z.uuid().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.at.slice(0, 10) > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['at'], message: 'The contact cannot be in the future' });
    if (v.nextContactDue && v.nextContactDue < todayInLondon()) ctx.addIssue({ code: 'custom', path: ['nextContactDue'], message: 'The next contact cannot be in the past' });
  });

export interface ContactLogEntry {
  id: string;
  at: string;
  method: (typeof contactMethods)[number];
  outcome: (typeof contactOutcomes)[number];
  notes: string;
  nextContactDue: string;
  byName: string | null;
  /** the alert it was about, if any */
  alert: { taskId: string; title: string } | null;
  /** marked by a partner worker as safe to go in his reports, with the summary that may go */
  safeToShare: { summary: string; byName: string | null; at: string } | null;
}

/**
 * Marking a contact safe to share: only the summary written here can ever
 * reach a report about him, never her notes, name or contact details.
 */
export const contactShareInput = z.object({
  partnerId: z.uuid(),
  contactId: z.uuid(),
  summary: text('Summary', 1000).min(1, 'Write the short summary that may go in his reports'),
});
export const contactUnshareInput = z.object({ partnerId: z.uuid(), contactId: z.uuid() });

/** An alert from the programme side as her record shows it: open ones with the attempts so far, answered ones as history. */
export interface PartnerAlert {
  taskId: string;
  title: string;
  dueOn: string;
  /** attempts about it that did not reach her (no answer, message left, unsafe, declined) */
  attempts: number;
  lastAttemptAt: string | null;
  /** when it was answered: the contact in which she was spoken to */
  answeredAt: string | null;
  closedAt: string | null;
  closedNote: string;
}

/**
 * The risk checklist: the 24-question structure of the SafeLives DASH
 * checklist. These are short topic labels in our own words; an organisation
 * licensed to use the exact wording adds it as a new version.
 */
export interface ChecklistForm {
  version: number;
  questions: Array<{ key: string; label: string }>;
  /** this many "yes" answers or more is high risk */
  highRiskThreshold: number;
  /** where the wording came from (the organisation's licence), for versions entered in the program */
  source?: string;
  createdAt?: string | null;
  byName?: string | null;
}
export const checklistForms: Record<number, ChecklistForm> = {
  1: {
    version: 1,
    highRiskThreshold: 14,
    questions: [
      'Injury from the current incident',
      'She is very frightened',
      'What she is afraid of (him killing her, the children, others)',
      'Isolated from family or friends',
      'Feeling depressed or having suicidal thoughts',
      'Separated or trying to separate in the last year',
      'Conflict over contact with the children',
      'He texts, calls, follows or stalks her',
      'Pregnant or a baby in the last 18 months',
      'The abuse is happening more often',
      'The abuse is getting worse',
      'He tries to control everything she does, or is jealous',
      'He has used weapons or objects to hurt her',
      'He has threatened to kill her or someone else',
      'He has strangled, choked, suffocated or drowned her',
      'He has done sexual things that hurt or frightened her',
      'Another person has threatened her or she fears them',
      'He has hurt anyone else (children, others, animals)',
      'He has mistreated an animal or pet',
      'Financial problems, or he controls the money',
      'Problems with drink, drugs or mental health',
      'He has threatened or attempted suicide',
      'He has breached bail, an injunction or a contact agreement',
      'He has been in trouble with the police or has a criminal history',
    ].map((label, i) => ({ key: `q${i + 1}`, label })),
  },
};
/** The shipped version; an organisation's own wording is saved as later versions in the database. */
export const CURRENT_CHECKLIST = 1;
/** Every version has the same 24 questions in the same order, scored the same way: only the wording differs. */
export const checklistKeys = checklistForms[1]!.questions.map((q) => q.key);
export const HIGH_RISK_THRESHOLD = 14;

export interface ChecklistForms {
  /** the newest version: new checklists use it */
  current: number;
  forms: ChecklistForm[];
}
export const checklistWordingInput = z.object({
  /** the version the manager started from: saving over someone else's newer wording is refused */
  basedOn: z.number().int().min(1),
  labels: z.array(text('Question', 500).min(1, 'Enter the wording for every question')).length(24, 'Enter the wording for all 24 questions'),
  source: optional('Licence or source', 500),
});

export const answers = ['yes', 'no', 'not_known'] as const;
export type RiskBand = 'standard' | 'high';

export const checklistInput = z
  .object({
    partnerId: z.uuid(),
    /** continuing one of her incomplete checklists: it is saved in place, not as a new one */
    id: z.uuid('Choose one of her incomplete checklists').nullable().default(null),
    formVersion: z.number().int(),
    answers: boundedRecord(z.string().max(100), z.enum(answers).nullable(), 100, 'answers'),
    completedOn: isoDate('Date'),
    /** professional judgement can only raise the level, never lower it */
    raiseToHigh: z.boolean().default(false),
    raiseReason: optional('Reason', 2000),
    escalation: z.boolean().default(false),
    repeatReferral: z.boolean().default(false),
    notes: optional('Notes', 10_000),
  })
  .superRefine((v, ctx) => {
    if (v.formVersion < 1) return ctx.addIssue({ code: 'custom', path: ['formVersion'], message: 'Unknown version of the checklist' });
    for (const key of Object.keys(v.answers)) if (!checklistKeys.includes(key)) ctx.addIssue({ code: 'custom', path: ['answers', key], message: 'Unknown question' });
    if (v.raiseToHigh && !v.raiseReason) ctx.addIssue({ code: 'custom', path: ['raiseReason'], message: 'Give the reason for raising the level by professional judgement' });
    if (v.completedOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'The date cannot be in the future' });
  });

export interface Checklist {
  id: string;
  formVersion: number;
  answers: Record<string, (typeof answers)[number] | null>;
  completedOn: string;
  complete: boolean;
  score: number;
  /** null until every question is answered */
  scoreLevel: RiskBand | null;
  level: RiskBand | null;
  raisedByJudgement: boolean;
  raiseReason: string;
  escalation: boolean;
  repeatReferral: boolean;
  /** true when the level is high: a MARAC referral should be made */
  maracPrompt: boolean;
  notes: string;
  byName: string | null;
  createdAt: string;
}

export const safetyPlanSections = ['safe_contacts', 'leaving_plan', 'children', 'technology', 'at_home', 'at_work'] as const;
export const safetyPlanSectionLabels: Record<(typeof safetyPlanSections)[number], string> = {
  safe_contacts: 'Safe contacts',
  leaving_plan: 'Leaving plan',
  children: 'Children',
  technology: 'Technology and phone safety',
  at_home: 'At home',
  at_work: 'At work',
};
export const safetyPlanInput = z.object({
  partnerId: z.uuid(),
  version: z.number().int().min(0),
  sections: z.object(Object.fromEntries(safetyPlanSections.map((s) => [s, optional('Section', 10_000)])) as Record<(typeof safetyPlanSections)[number], z.ZodDefault<z.ZodString>>),
  reviewOn: isoDate('Review date'),
}).refine((v) => Object.values(v.sections).some((t) => t.trim() !== ''), {
  // An empty plan would look, on her record, as if she had a safety plan: refuse it, on the first section.
  message: 'Write at least one part of the safety plan before saving it',
  path: ['sections', safetyPlanSections[0]],
});
export interface SafetyPlan {
  partnerId: string;
  version: number;
  sections: Record<(typeof safetyPlanSections)[number], string>;
  reviewOn: string;
  updatedAt: string;
  byName: string | null;
  /** earlier versions, newest first, each as it stood then */
  history: SafetyPlanVersion[];
}
export interface SafetyPlanVersion {
  version: number;
  /** when this version was saved, and by whom */
  at: string;
  byName: string | null;
  sections: Record<(typeof safetyPlanSections)[number], string>;
  reviewOn: string;
}

export const maracInput = z.object({
  partnerId: z.uuid(),
  id: z.uuid().nullable().default(null),
  version: z.number().int().nullable().default(null),
  kind: z.enum(['marac', 'mappa'], 'Choose MARAC or MAPPA'),
  referredOn: isoDate('Date referred'),
  reasons: z.array(z.enum(['high_risk_score', 'professional_judgement', 'escalation', 'repeat'])).min(1, 'Say why the referral was made').max(4),
  meetingDates: z.array(isoDate('Meeting date')).max(20).default([]),
  actions: optional('Actions agreed for this service', 10_000),
  outcome: optional('Outcome', 5000),
  status: z.enum(['open', 'closed']).default('open'),
});
export interface MaracReferral extends z.output<typeof maracInput> {
  id: string;
  version: number;
  byName: string | null;
}

export interface PartnerRecord {
  id: string;
  /** an open safeguarding concern about her, her children or him */
  openSafeguarding: boolean;
  reference: string;
  version: number;
  details: PartnerDetails;
  contactStatus: ContactStatus;
  links: PartnerLink[];
  contacts: ContactLogEntry[];
  checklists: Checklist[];
  safetyPlan: SafetyPlan | null;
  referrals: MaracReferral[];
  /** alerts from the programme side still waiting for her to be spoken to */
  openAlerts: PartnerAlert[];
  /** alerts answered or closed, newest first */
  answeredAlerts: PartnerAlert[];
}

/** The partner worker's home page: her open alerts, grouped by the woman concerned, newest first. */
export interface AlertGroup {
  /** null while no partner of his is on record yet */
  partnerId: string | null;
  participantId: string | null;
  name: string | null;
  reference: string | null;
  riskLevel: RiskBand | null;
  /** when her newest alert was raised */
  newestAt: string;
  urgent: boolean;
  /** identical alerts merged, with how many times each was raised */
  alerts: Array<{ title: string; detail: string; kind: string | null; urgent: boolean; count: number; newestAt: string; taskIds: string[] }>;
}
