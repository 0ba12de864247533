/**
 * Outcome measures (issue 18): short measures recorded at set points of his programme, on both
 * sides of the wall. The partner-reported set lives behind the partner key; his own set and the
 * facilitators' rating live in the programme database. Each set is versioned like the risk
 * checklist's wording: the items, their order and their scales never change between versions
 * (so every answer is scored the same way), only the wording does, and each answer keeps the
 * version it was asked in.
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import { isoDate, todayInLondon } from '../dates';

export const measureSets = ['partner', 'participant', 'rating'] as const;
export type MeasureSet = (typeof measureSets)[number];
export const measureSetLabels: Record<MeasureSet, string> = {
  partner: 'What his partner or ex-partner reports',
  participant: 'His own view',
  rating: 'Facilitators’ rating of his progress',
};

/** A scale: whole numbers from min to max, each with its words where it has them. */
export interface Scale {
  min: number;
  max: number;
  labels?: string[];
  /** true when a higher answer is better for her or shows change in him */
  higherIsBetter: boolean;
}
export const scales = {
  frequency: { min: 0, max: 3, labels: ['Never', 'Once', 'A few times', 'Often'], higherIsBetter: false },
  safety: { min: 0, max: 10, higherIsBetter: true },
  yesNo: { min: 0, max: 1, labels: ['No', 'Yes'], higherIsBetter: false },
  count: { min: 0, max: 50, higherIsBetter: false },
  freedom: { min: 0, max: 3, labels: ['Never', 'Sometimes', 'Mostly', 'Always'], higherIsBetter: true },
  agree: { min: 1, max: 5, labels: ['Not at all', 'A little', 'Partly', 'Mostly', 'Completely'], higherIsBetter: true },
  progress: { min: 1, max: 5, labels: ['No progress', 'A little', 'Some', 'Good', 'Strong'], higherIsBetter: true },
} as const satisfies Record<string, Scale>;
export type ScaleName = keyof typeof scales;

export interface MeasureItem {
  key: string;
  label: string;
  scale: ScaleName;
  /** may be left blank (no children together, for example) */
  optional?: boolean;
}
export interface MeasureForm {
  set: MeasureSet;
  version: number;
  items: MeasureItem[];
  source: string;
  createdAt: string | null;
  byName: string | null;
}

const item = (key: string, label: string, scale: ScaleName, optional = false): MeasureItem => ({ key, label, scale, ...(optional ? { optional } : {}) });

/** Version 1 of each set: our own words. The facilitators' rating has one item per objective of his programme. */
export const shippedForms: Record<MeasureSet, MeasureForm> = {
  partner: {
    set: 'partner',
    version: 1,
    source: 'Written for this program',
    createdAt: null,
    byName: null,
    items: [
      item('physical', 'In the last three months, how often has he been physically abusive to her?', 'frequency'),
      item('sexual', 'In the last three months, how often has he been sexually abusive to her?', 'frequency'),
      item('harassment', 'In the last three months, how often has he harassed or stalked her?', 'frequency'),
      item('controlling', 'In the last three months, how often has he been jealous or controlling?', 'frequency'),
      item('safety', 'How safe does she feel now? (0 not at all, 10 completely)', 'safety'),
      item('children', 'In the last three months, did the children see or hear abuse?', 'yesNo', true),
      item('injuries', 'In the last three months, was she injured by him?', 'yesNo'),
      item('police', 'In the last three months, how many times were the police called to an incident?', 'count'),
      item('see_people', 'Can she see family and friends when she wants to?', 'freedom'),
      item('go_out', 'Can she go out when she wants to?', 'freedom'),
      item('decide', 'Can she make her own decisions (money, work, daily life)?', 'freedom'),
      item('parenting', 'Is their shared parenting safe and respectful?', 'freedom', true),
    ],
  },
  participant: {
    set: 'participant',
    version: 1,
    source: 'Written for this program',
    createdAt: null,
    byName: null,
    items: [
      item('acknowledgement', 'He acknowledges that he has been abusive', 'agree'),
      item('responsibility', 'He takes responsibility for his behaviour without blaming others', 'agree'),
      item('motivation', 'He wants to change how he behaves', 'agree'),
      item('own_view', 'He sees that his behaviour harmed his partner and children', 'agree'),
    ],
  },
  rating: { set: 'rating', version: 1, source: 'Written for this program', createdAt: null, byName: null, items: [] },
};
export const itemKeys = (set: MeasureSet) => shippedForms[set].items.map((i) => i.key);

/**
 * The points: baseline (first contact with her, or the start of his programme), the middle of
 * his programme, his ending, and follow-ups a number of months after his ending (a setting).
 */
export const fixedPoints = ['baseline', 'mid', 'end'] as const;
export type Point = (typeof fixedPoints)[number] | `fu${number}`;
export const DEFAULT_FOLLOW_UP_MONTHS = [6, 12];
export const followUpPoint = (months: number): Point => `fu${months}`;
export const followUpMonthsOf = (p: string): number | null => (/^fu(\d{1,2})$/.exec(p) ? Number(p.slice(2)) : null);
export function pointLabel(p: string): string {
  if (p === 'baseline') return 'Baseline';
  if (p === 'mid') return 'Mid-programme';
  if (p === 'end') return 'Ending';
  const m = followUpMonthsOf(p);
  return m === null ? p : `${m} months after`;
}
export const pointSchema = z
  .string()
  .max(10)
  .refine((p) => (fixedPoints as readonly string[]).includes(p) || followUpMonthsOf(p) !== null, 'Choose the point: baseline, mid-programme, ending or a follow-up');

export const recordStatuses = ['recorded', 'declined', 'not_reachable'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
export const recordStatusLabels: Record<RecordStatus, string> = {
  recorded: 'Recorded',
  declined: 'Declined',
  not_reachable: 'Could not be reached',
};

export const recordMeasureInput = z
  .object({
    set: z.enum(measureSets, 'Choose the measure'),
    participantId: z.uuid('Choose the man whose programme this point belongs to'),
    /** the partner's measures only: whose answers these are */
    partnerId: z.uuid().nullable().default(null),
    point: pointSchema,
    formVersion: z.number().int().min(1, 'Unknown version of the measure').max(10_000),
    status: z.enum(recordStatuses).default('recorded'),
    answers: boundedRecord(z.string().max(100), z.number().nullable(), 60, 'answers').default({}),
    recordedOn: isoDate('Date'),
    note: z.string().trim().max(2000, 'The note is too long (at most 2,000 characters)').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.recordedOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['recordedOn'], message: 'The date cannot be in the future' });
    if (v.set === 'partner' && !v.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'Choose the partner whose answers these are' });
    if (v.set !== 'partner' && v.partnerId) ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'Only the partner’s measures belong to a partner' });
    if (v.status !== 'recorded' && Object.values(v.answers).some((a) => a !== null))
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'A measure declined or not reachable has no answers' });
  });
export type RecordMeasureInput = z.output<typeof recordMeasureInput>;

export interface MeasureRecord {
  id: string;
  set: MeasureSet;
  participantId: string;
  partnerId: string | null;
  point: string;
  formVersion: number;
  status: RecordStatus;
  answers: Record<string, number | null>;
  recordedOn: string;
  note: string;
  byName: string | null;
}

/** What is due and what is recorded for one man (his sets) or one woman (hers, per man she is linked to). */
export interface PointState {
  point: string;
  label: string;
  /** null when the point does not apply yet (he has not started, not ended) */
  dueOn: string | null;
  records: MeasureRecord[];
}
export interface MeasuresOverview {
  /** the current wording of this side's sets only */
  forms: Partial<Record<MeasureSet, MeasureForm>>;
  /** the facilitators' rating: his programme's objectives, each an item */
  objectives: Array<{ id: string; text: string }>;
  points: PointState[];
}
export const overviewInput = z.object({ participantId: z.uuid() });
export const partnerOverviewInput = z.object({ participantId: z.uuid(), partnerId: z.uuid() });
export const packCsvInput = z.object({ id: z.uuid() });
export const wordingInput = z.object({
  set: z.enum(['partner', 'participant']),
  basedOn: z.number().int().min(1).max(10_000),
  labels: z.array(z.string().trim().min(1, 'Enter the wording for every item').max(500, 'At most 500 characters')).max(60),
  source: z.string().trim().max(500, 'At most 500 characters').default(''),
});

export const followUpSettingsInput = z.object({
  months: z
    .array(z.number('Enter a number of months').int('Enter whole months').min(1, 'At least 1 month').max(36, 'At most 36 months'))
    .min(1, 'Keep at least one follow-up')
    .max(6, 'At most 6 follow-ups')
    .refine((m) => new Set(m).size === m.length, 'Each follow-up needs a different number of months'),
});

/** The outcomes page: a period (of baselines), and optionally a programme type or a group. */
export const outcomesInput = z.object({
  from: isoDate('From'),
  to: isoDate('To'),
  programmeTypeId: z.uuid().nullable().default(null),
  groupId: z.uuid().nullable().default(null),
});

/** A count as shown: a number, or "fewer than 5", or "not shown" where it could be worked out by subtraction. */
export type Shown = string;
export interface IndicatorPoint {
  point: string;
  label: string;
  /** people with an answer at this point */
  people: Shown;
  /** the answers' distribution by band; hidden bands are 0 in `chart` and named in `cells` */
  bands: Array<{ label: string; shown: Shown; chart: number }>;
  /** people with both this point and a baseline */
  paired: Shown;
  better: Shown;
  same: Shown;
  worse: Shown;
  /** the mean change from baseline for them, one decimal; null when too few */
  meanChange: number | null;
}
export interface Indicator {
  key: string;
  label: string;
  set: MeasureSet;
  higherIsBetter: boolean;
  /** the range of the score, for the reader */
  range: string;
  points: IndicatorPoint[];
}
export interface OutcomesSummary {
  from: string;
  to: string;
  /** people in the period (a baseline recorded in it), per set; partner side null when not open for this session */
  people: Record<MeasureSet, Shown | null>;
  /** measures declined or not reachable, per set and point, counted */
  notRecorded: Array<{ set: MeasureSet; point: string; label: string; declined: Shown; notReachable: Shown }>;
  indicators: Indicator[];
  /** false for a session without the partner side open: partner-reported figures are left out */
  partnerSide: boolean;
  /** plain words when a period has too few people to show anything */
  tooFew: string | null;
  /** the versions of each set's wording the counted answers were given in (so a document can say which questions were asked) */
  versions: Partial<Record<MeasureSet, number[]>>;
}

export interface Dashboard {
  caseload: Array<{ status: string; label: string; count: number }>;
  waiting: { count: number; medianDays: number | null; longestDays: number | null };
  attendance: { attended: number; marked: number; percent: number | null; quarterFrom: string };
  risk: Array<{ level: string; label: string; count: number }>;
  overdue: { reviews: number; followUps: number };
}

