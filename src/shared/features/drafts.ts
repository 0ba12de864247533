/**
 * Drafts: long text kept as it is typed (a case note, a session log, a contact note...),
 * so that auto-lock, a crash or a closed window never loses it. A draft belongs to the
 * person who typed it: only they get it back, and one on a partner-side form only
 * while their role has partner access.
 */
import { z } from 'zod';

/** What the text is for. The kind says which side of the partner wall it is on. */
export const draftKinds = ['case-note', 'session-log', 'session-debrief', 'report-observations', 'assessment-evidence', 'contact-note'] as const;
export type DraftKind = (typeof draftKinds)[number];

export const partnerDraftKinds: readonly DraftKind[] = ['contact-note'];

/** How long drafts are kept before they are removed, by default (a setting). */
export const DEFAULT_DRAFT_DAYS = 14;
export const draftDaysSchema = z
  .number('Enter a number of days')
  .int('Enter a whole number of days')
  .min(1, 'Keep drafts for at least 1 day')
  .max(90, 'Keep drafts for at most 90 days');

/** The most a draft may hold: a long session log, with room to spare. */
export const DRAFT_MAX_CHARS = 50_000;

const draftPlace = {
  kind: z.enum(draftKinds),
  /** the record the text is about (the man, the session, the report, the partner): never named `participantId`, so a draft is not an opening of his record */
  about: z.string().min(1).max(80),
  /** which field of the form, when a form has more than one long text */
  field: z.string().min(1).max(60).default('text'),
};

export const draftPlaceInput = z.object(draftPlace).strict();
export const draftSaveInput = z
  .object({ ...draftPlace, text: z.string().max(DRAFT_MAX_CHARS, `A draft can hold at most ${DRAFT_MAX_CHARS.toLocaleString('en-GB')} characters`) })
  .strict();

export interface Draft {
  text: string;
  /** ISO 8601 UTC */
  savedAt: string;
}
