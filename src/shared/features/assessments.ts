/**
 * Suitability assessment. The form's definition is versioned in code: an
 * assessment stores the version it was filled in with, and is always shown
 * with that version's questions, even after the form changes.
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import { isoDate, todayInLondon } from '../dates';
import { assessmentOutcomes, type AssessmentOutcome } from './participants';

export interface RatedQuestion {
  key: string;
  label: string;
  help: string;
}

export interface AssessmentForm {
  version: number;
  ratingScale: Array<{ value: number; label: string }>;
  rated: RatedQuestion[];
  exclusionFactors: Array<{ key: string; label: string }>;
}

export const assessmentForms: Record<number, AssessmentForm> = {
  1: {
    version: 1,
    ratingScale: [
      { value: 0, label: 'Not at all' },
      { value: 1, label: 'A little' },
      { value: 2, label: 'Partly' },
      { value: 3, label: 'Mostly' },
      { value: 4, label: 'Fully' },
    ],
    rated: [
      { key: 'acknowledges', label: 'Acknowledges a problem', help: 'Does he accept that his behaviour has been abusive or harmful?' },
      { key: 'responsibility', label: 'Takes responsibility for his behaviour', help: 'Without blaming his partner, drink, stress or others, and without minimising.' },
      { key: 'motivated', label: 'Motivated to change', help: 'Does he want to change for his own reasons, not only because of a court or agency?' },
    ],
    exclusionFactors: [
      { key: 'substance_misuse', label: 'Active substance misuse that would prevent groupwork' },
      { key: 'mental_health', label: 'Untreated mental illness that would prevent groupwork' },
      { key: 'denial', label: 'Outright denial of any abusive behaviour' },
      { key: 'learning_needs', label: 'Learning or language needs the group cannot meet' },
      { key: 'risk_to_group', label: 'Presents a risk to other group members or facilitators' },
    ],
  },
};
export const CURRENT_ASSESSMENT_FORM = 1;

const answer = z.object({
  rating: z.number().int().min(0).max(4).nullable(),
  evidence: z.string().trim().max(5000, 'Evidence is too long').default(''),
});

export const assessmentInput = z
  .object({
    participantId: z.uuid(),
    /** omitted for a new assessment */
    id: z.uuid().nullable().default(null),
    version: z.number().int().min(1).nullable().default(null),
    formVersion: z.number().int(),
    ratings: boundedRecord(z.string().max(100), answer, 200, 'ratings'),
    exclusionFactors: z.array(z.string().max(200)).max(50, 'Too many exclusion factors').default([]),
    exclusionNotes: z.string().trim().max(5000).default(''),
    consentObtained: z.boolean().default(false),
    decision: z.enum(assessmentOutcomes, 'Choose the decision').nullable().default(null),
    decisionReason: z.string().trim().max(5000).default(''),
    assessorId: z.uuid('Choose the assessor'),
    meetingDates: z.array(isoDate('Meeting date')).min(1, 'Add the date of at least one assessment meeting').max(10),
    /** a draft can be saved and finished later; completing records the decision on his status */
    complete: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const form = assessmentForms[v.formVersion];
    if (!form) {
      ctx.addIssue({ code: 'custom', path: ['formVersion'], message: 'Unknown version of the assessment form' });
      return;
    }
    const today = todayInLondon();
    v.meetingDates.forEach((d, i) => {
      if (d > today) ctx.addIssue({ code: 'custom', path: ['meetingDates', i], message: 'A meeting date cannot be in the future' });
    });
    for (const key of Object.keys(v.ratings)) {
      if (!form.rated.some((q) => q.key === key)) ctx.addIssue({ code: 'custom', path: ['ratings', key], message: 'Unknown question' });
    }
    for (const key of v.exclusionFactors) {
      if (!form.exclusionFactors.some((f) => f.key === key)) ctx.addIssue({ code: 'custom', path: ['exclusionFactors'], message: 'Unknown exclusion factor' });
    }
    if (v.complete) {
      for (const q of form.rated) {
        const a = v.ratings[q.key];
        if (a?.rating == null) ctx.addIssue({ code: 'custom', path: ['ratings', q.key, 'rating'], message: `Rate: ${q.label.toLowerCase()}` });
        if (!a?.evidence) ctx.addIssue({ code: 'custom', path: ['ratings', q.key, 'evidence'], message: 'Give the evidence for this rating' });
      }
      if (!v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Choose the decision' });
      if (!v.decisionReason) ctx.addIssue({ code: 'custom', path: ['decisionReason'], message: 'Give the reason for the decision' });
    }
  });
export type AssessmentInput = z.input<typeof assessmentInput>;

export interface Assessment {
  id: string;
  participantId: string;
  version: number;
  formVersion: number;
  ratings: Record<string, { rating: number | null; evidence: string }>;
  exclusionFactors: string[];
  exclusionNotes: string;
  consentObtained: boolean;
  decision: AssessmentOutcome | null;
  decisionReason: string;
  assessorId: string;
  assessorName: string | null;
  meetingDates: string[];
  completedOn: string | null;
  createdAt: string;
  updatedAt: string;
}
