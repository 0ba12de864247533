/** How the partner service's records are shown: words and colours, no React. */
import type { ContactStatus, RiskBand } from '../../../shared/features/partners';
import { contactMethods } from '../../../shared/features/partners';

export const contactStatusColours: Record<ContactStatus, string> = {
  not_attempted: 'gray',
  in_contact: 'green',
  declined: 'orange',
  unable: 'yellow',
};

export const riskBandLabels: Record<RiskBand, string> = { standard: 'Standard risk', high: 'High risk' };
export const riskBandColours: Record<RiskBand, string> = { standard: 'blue', high: 'red' };

export const contactMethodLabels: Record<(typeof contactMethods)[number], string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  in_person: 'In person',
  letter: 'Letter',
  other: 'Other',
};

export const messageAllowedLabels: Record<'yes' | 'no' | 'ask', string> = {
  yes: 'Yes, a message may be left',
  no: 'No: never leave a message',
  ask: 'Ask her first each time',
};

export const answerLabels: Record<'yes' | 'no' | 'not_known', string> = { yes: 'Yes', no: 'No', not_known: 'Not known' };

export const referralReasonLabels: Record<'high_risk_score' | 'professional_judgement' | 'escalation' | 'repeat', string> = {
  high_risk_score: 'High risk score (14 or more)',
  professional_judgement: 'Professional judgement',
  escalation: 'Escalation (more incidents)',
  repeat: 'Repeat referral',
};

export const referralKindLabels: Record<'marac' | 'mappa', string> = { marac: 'MARAC', mappa: 'MAPPA' };

/** Queries to refresh after any change to a partner: her record, the list, tasks (contacts due, alerts) and the audit log. */
export const PARTNER_CHANGES = ['partners.', 'tasks.', 'audit.', 'safeguarding.', 'sharing.', 'participants.'];
