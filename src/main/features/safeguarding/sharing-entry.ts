/**
 * One entry in the information-sharing log: the one place every disclosure is
 * written, whether a person records it or the program does (a report sent, a
 * child-protection referral, a subject access pack).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../ipc/context';
import { fileFor } from '../partners/shared-rows';

export interface SharingEntry {
  side: 'participant' | 'partner' | string;
  participantId: string | null;
  partnerId?: string | null;
  sharedOn: string;
  /** consent, without_consent, child_protection, subject_access */
  basis: string;
  consentId?: string | null;
  /** the manager who decided (sharing without consent, a subject access pack) */
  decidedBy?: string | null;
  /** what was shared, with whom, and why: shown in the log */
  what: string;
  agency: string;
  person?: string;
  why: string;
  reason?: string;
  /** written by the program rather than typed into the log by a person */
  automatic: boolean;
  createdBy: string;
  /** when it was written; now unless the caller's change has its own time */
  createdAt?: string;
}

/** Writes the entry (her side's behind the wall, in the partner file) and returns its id. */
export async function addSharingEntry(db: Db, e: SharingEntry): Promise<string> {
  const id = randomUUID();
  await (await fileFor(db, e.side === 'partner'))
    .insertInto('sharing_log')
    .values({
      id,
      side: e.side,
      participant_id: e.participantId,
      partner_id: e.partnerId ?? null,
      shared_on: e.sharedOn,
      basis: e.basis,
      consent_id: e.consentId ?? null,
      decided_by: e.decidedBy ?? null,
      data: JSON.stringify({ what: e.what, agency: e.agency, person: e.person ?? '', why: e.why, reason: e.reason ?? '' }),
      automatic: e.automatic ? 1 : 0,
      created_at: e.createdAt ?? new Date().toISOString(),
      created_by: e.createdBy,
    })
    .execute();
  return id;
}
