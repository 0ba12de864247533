/**
 * Whether a report may go to its agency, settled at sign-off (issue 16, item 7):
 * his current consent to share with that agency, or a manager's recorded
 * decision to share without it. Settled before sign-off so that nobody meets
 * the question for the first time at the download button.
 */
import { consentState } from '../../../shared/features/consents';
import { needsConsent, recipientLabels, type Recipient } from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { AppError, invalidField } from '../../app-error';
import type { ReportsTable } from '../../db/schema';
import type { Db, Session } from '../../ipc/context';

/** A current consent (not withdrawn, not past its review date) to share with this agency. */
export async function currentConsent(db: Db, participantId: string, recipient: Recipient, on: string) {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('recipient', '=', recipient)
    .orderBy('given_on', 'desc')
    .execute();
  return (
    rows.find(
      (c) =>
        c.given_on <= on &&
        ['current', 'expiring'].includes(consentState({ reviewOn: c.review_on, withdrawnOn: c.withdrawn_on }, on)),
    ) ?? null
  );
}

export interface SharingDecision {
  share_basis: 'consent' | 'without_consent' | null;
  share_consent_id: string | null;
  share_decided_by: string | null;
  share_reason: string;
}

/**
 * The basis on which the report will be shared, decided by the manager signing
 * it off. Refuses sign-off when consent is missing and no reason was given.
 */
export async function decideSharing(
  db: Db,
  user: Session,
  row: Pick<ReportsTable, 'participant_id' | 'recipient'>,
  withoutConsentReason: string,
  on: string,
): Promise<SharingDecision> {
  const recipient = row.recipient as Recipient | null;
  const none: SharingDecision = { share_basis: null, share_consent_id: null, share_decided_by: null, share_reason: '' };
  if (!row.participant_id || !recipient || !needsConsent(recipient)) return none;
  const consent = await currentConsent(db, row.participant_id, recipient, on);
  if (consent) return { ...none, share_basis: 'consent', share_consent_id: consent.id };
  if (!can(user.role, 'sharing.withoutConsent'))
    throw new AppError(
      'FORBIDDEN',
      `He has no current consent to share with ${recipientLabels[recipient]}. Only a manager can decide to share without consent, with the reason.`,
    );
  if (!withoutConsentReason)
    throw invalidField(
      'withoutConsentReason',
      `He has no current consent to share with ${recipientLabels[recipient]}: record his consent on his Consent tab first, or give the reason for sharing without it`,
    );
  return { share_basis: 'without_consent', share_consent_id: null, share_decided_by: user.staffId, share_reason: withoutConsentReason };
}
