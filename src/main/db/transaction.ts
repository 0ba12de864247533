import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * `db.transaction().execute(fn)`, keeping the error that mattered. When SQLite fails a write with
 * SQLITE_FULL (or SQLITE_IOERR) it has already rolled the transaction back itself, so Kysely's own
 * ROLLBACK then fails with "cannot rollback - no transaction is active", and that clean-up error
 * would replace the real one ("database or disk is full"). The first error thrown inside wins.
 */
export async function inTransaction<T>(
  db: Kysely<Database> | Transaction<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  let first: { error: unknown } | null = null;
  try {
    return await db.transaction().execute(async (trx) => {
      try {
        return await fn(trx);
      } catch (error) {
        first = { error };
        throw error;
      }
    });
  } catch (error) {
    throw first ? (first as { error: unknown }).error : error;
  }
}
