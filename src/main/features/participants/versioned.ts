import { AppError, notFound } from '../../app-error';

export const STALE_MESSAGE =
  'Someone else changed this record after you opened it. Reload to see the latest version, then make your change again. Nothing was saved.';

/** For an UPDATE ... WHERE id = ? AND version = ?: no row changed means the screen was out of date (or the record is gone). */
export function assertUpdated(result: { numUpdatedRows: bigint }, exists: boolean, what: string): void {
  if (result.numUpdatedRows > 0n) return;
  if (!exists) throw notFound(what);
  throw new AppError('CONFLICT', STALE_MESSAGE);
}
