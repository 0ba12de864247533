import { z } from 'zod';
import { organisationSchema, type Organisation } from './auth';
import { draftDaysSchema } from './drafts';
import {
  DEFAULT_PROTECTIVE_MARKING,
  PROTECTIVE_MARKINGS,
  letterMarkings,
  type LetterMarking,
  type LetterType,
  type LogoInfo,
} from './reports';

export const autoLockMinutesSchema = z
  .number('Enter a number of minutes')
  .int('Enter a whole number of minutes')
  .min(1, 'Auto-lock must be at least 1 minute')
  .max(120, 'Auto-lock must be at most 120 minutes');

export const DEFAULT_AUTO_LOCK_MINUTES = 10;

export interface Settings {
  organisation: Organisation;
  autoLockMinutes: number;
  /** printed in the header and footer of every report */
  protectiveMarking: (typeof PROTECTIVE_MARKINGS)[number];
  /** the logo on reports (uploaded separately), or null */
  logo: LogoInfo | null;
  /**
   * A charity with one manager may let the author of a report sign it off
   * themselves; the report then says so. Off by default: another manager signs.
   */
  allowSelfSignOff: boolean;
  /** days an unsent draft of long text is kept before it is removed */
  draftDays: number;
  /** where each kind of letter to his home carries the protective marking */
  letterMarkings: Record<LetterType, LetterMarking>;
}

export const settingsUpdateInput = z.object({
  organisation: organisationSchema,
  autoLockMinutes: autoLockMinutesSchema,
  protectiveMarking: z.enum(PROTECTIVE_MARKINGS, 'Choose the protective marking').default(DEFAULT_PROTECTIVE_MARKING),
  /** left out, the setting stays as it was */
  allowSelfSignOff: z.boolean().optional(),
  /** left out: unchanged */
  draftDays: draftDaysSchema.optional(),
  /** left out: unchanged */
  letterMarkings: z
    .object({
      letter_appointment: z.enum(letterMarkings, 'Choose where the appointment letter is marked'),
      letter_missed_session: z.enum(letterMarkings, 'Choose where the missed-session letter is marked'),
      letter_end: z.enum(letterMarkings, 'Choose where the end-of-programme letter is marked'),
    })
    .optional(),
});
