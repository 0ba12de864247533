import { z } from 'zod';
import { organisationSchema, type Organisation } from './auth';

export const autoLockMinutesSchema = z
  .number('Enter a number of minutes')
  .int('Enter a whole number of minutes')
  .min(1, 'Auto-lock must be at least 1 minute')
  .max(120, 'Auto-lock must be at most 120 minutes');

export const DEFAULT_AUTO_LOCK_MINUTES = 10;

export interface Settings {
  organisation: Organisation;
  autoLockMinutes: number;
}

export const settingsUpdateInput = z.object({
  organisation: organisationSchema,
  autoLockMinutes: autoLockMinutesSchema,
});
