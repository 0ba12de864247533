/** What he has agreed may be shared, with whom and for what; how and when; review and withdrawal. */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

export const consentRecipients = ['police', 'probation', 'childrens_services', 'cafcass_court', 'gp', 'partner_service', 'other'] as const;
export type ConsentRecipient = (typeof consentRecipients)[number];
export const consentRecipientLabels: Record<ConsentRecipient, string> = {
  police: 'Police',
  probation: 'Probation',
  childrens_services: "Children's services",
  cafcass_court: 'Cafcass / family court',
  gp: 'GP',
  partner_service: 'Partner support service (to contact his partner or ex-partner)',
  other: 'Other named agency',
};

/** Days before the review date when a consent counts as expiring and a task is raised. */
export const CONSENT_EXPIRY_WARNING_DAYS = 30;

const consentFields = z.object({
  recipient: z.enum(consentRecipients, 'Choose who the consent is for'),
  recipientName: z.string().trim().max(200).default(''),
  purpose: z.string().trim().min(1, 'Say what the information may be shared for').max(2000, 'Purpose is too long'),
  confidentialityExplained: z.boolean().default(false),
  howGiven: z.enum(['signed', 'verbal'], 'Choose how consent was given'),
  witness: z.string().trim().max(120).default(''),
  givenOn: isoDate('Date given'),
  reviewOn: isoDate('Review date'),
});

function checkConsent(v: z.output<typeof consentFields>, ctx: z.RefinementCtx) {
  if (v.recipient === 'other' && !v.recipientName) {
    ctx.addIssue({ code: 'custom', path: ['recipientName'], message: 'Name the agency' });
  }
  if (!v.confidentialityExplained) {
    ctx.addIssue({
      code: 'custom',
      path: ['confidentialityExplained'],
      message: 'Consent is only valid once the limits of confidentiality (the child-protection exception) have been explained',
    });
  }
  if (v.givenOn > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['givenOn'], message: 'Date given cannot be in the future' });
  if (v.reviewOn <= v.givenOn) ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: 'The review date must be after the date given' });
}

export const consentAddInput = consentFields.extend({ participantId: z.uuid() }).superRefine(checkConsent);
export const consentUpdateInput = consentFields.extend({ id: z.uuid(), version: z.number().int().min(1) }).superRefine(checkConsent);
export const consentWithdrawInput = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  withdrawnOn: isoDate('Date withdrawn'),
  reason: z.string().trim().max(2000).default(''),
});
export type ConsentInput = z.input<typeof consentAddInput>;

export type ConsentState = 'current' | 'expiring' | 'expired' | 'withdrawn';

export interface Consent extends z.output<typeof consentFields> {
  id: string;
  participantId: string;
  version: number;
  withdrawnOn: string | null;
  withdrawnReason: string;
  state: ConsentState;
  recordedByName: string | null;
  createdAt: string;
}

export function consentState(c: { reviewOn: string; withdrawnOn: string | null }, today: string): ConsentState {
  if (c.withdrawnOn && c.withdrawnOn <= today) return 'withdrawn';
  if (c.reviewOn < today) return 'expired';
  const warn = new Date(`${today}T00:00:00Z`);
  warn.setUTCDate(warn.getUTCDate() + CONSENT_EXPIRY_WARNING_DAYS);
  return c.reviewOn <= warn.toISOString().slice(0, 10) ? 'expiring' : 'current';
}
