/** Consent states in words and colours, and the at-a-glance summary per recipient. */
import {
  consentRecipientLabels,
  consentRecipients,
  type Consent,
  type ConsentRecipient,
  type ConsentState,
} from '../../../shared/features/consents';

export const consentStateLabels: Record<ConsentState, string> = {
  current: 'Current',
  expiring: 'Due for review',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

export const consentStateColours: Record<ConsentState, string> = {
  current: 'green',
  expiring: 'orange',
  expired: 'red',
  withdrawn: 'gray',
};

const stateRank: Record<ConsentState, number> = { current: 0, expiring: 1, expired: 2, withdrawn: 3 };

export interface ConsentGlance {
  recipient: ConsentRecipient;
  label: string;
  /** the consent that counts for this recipient now, or null when none was ever recorded */
  consent: Consent | null;
}

/**
 * One line per recipient: the best consent he has given them (current before
 * expiring before expired before withdrawn; the latest review date breaks a tie).
 * "Other named agency" gets one line per named agency.
 */
export function consentAtAGlance(consents: readonly Consent[]): ConsentGlance[] {
  const best = new Map<string, Consent>();
  const keyOf = (c: Consent) =>
    c.recipient === 'other' ? `other:${c.recipientName.trim().toLowerCase()}` : c.recipient;
  for (const c of consents) {
    const key = keyOf(c);
    const current = best.get(key);
    if (
      !current ||
      stateRank[c.state] < stateRank[current.state] ||
      (stateRank[c.state] === stateRank[current.state] && c.reviewOn > current.reviewOn)
    ) {
      best.set(key, c);
    }
  }
  const lines: ConsentGlance[] = [];
  for (const recipient of consentRecipients) {
    if (recipient === 'other') {
      for (const [key, c] of best) {
        if (key.startsWith('other:'))
          lines.push({ recipient, label: c.recipientName || consentRecipientLabels.other, consent: c });
      }
    } else {
      lines.push({
        recipient,
        label:
          recipient === 'partner_service'
            ? 'Partner support service (contact with his partner)'
            : consentRecipientLabels[recipient],
        consent: best.get(recipient) ?? null,
      });
    }
  }
  return lines;
}

/** "Police", or the agency's own name for "Other named agency". */
export function recipientText(c: Pick<Consent, 'recipient' | 'recipientName'>): string {
  if (c.recipient === 'other') return c.recipientName || consentRecipientLabels.other;
  return consentRecipientLabels[c.recipient];
}
