/** The participant's risk by structured professional judgement (no score, no cut-off): level, reasons, red flags. */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabels: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const riskRank: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };

export const redFlags = ['strangulation', 'stalking', 'threats_to_kill', 'weapons', 'separation', 'pregnancy', 'child_contact_dispute'] as const;
export type RedFlag = (typeof redFlags)[number];
export const redFlagLabels: Record<RedFlag, string> = {
  strangulation: 'Strangulation or choking',
  stalking: 'Stalking',
  threats_to_kill: 'Threats to kill',
  weapons: 'Weapons',
  separation: 'Recent or planned separation',
  pregnancy: 'Pregnancy or new baby',
  child_contact_dispute: 'Child contact dispute',
};

export const riskInput = z
  .object({
    participantId: z.uuid(),
    level: z.enum(riskLevels, 'Choose the risk level'),
    reasons: z.string().trim().min(1, 'Give the reasons for this rating').max(5000, 'Reasons are too long'),
    redFlags: z.array(z.enum(redFlags)).max(redFlags.length).default([]),
    assessorId: z.uuid('Choose who assessed the risk'),
    assessedOn: isoDate('Date assessed'),
    nextReviewOn: isoDate('Next review date'),
  })
  .superRefine((v, ctx) => {
    if (v.assessedOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['assessedOn'], message: 'Date assessed cannot be in the future' });
    if (v.nextReviewOn <= v.assessedOn) {
      ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'The next review must be after the date assessed' });
    }
  });
export type RiskInput = z.input<typeof riskInput>;

export interface RiskAssessment {
  id: string;
  participantId: string;
  level: RiskLevel;
  reasons: string;
  redFlags: RedFlag[];
  assessorId: string;
  assessorName: string | null;
  assessedOn: string;
  nextReviewOn: string;
  createdAt: string;
}
