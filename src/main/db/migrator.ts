import { sql, type Kysely } from 'kysely';
import { migrations as allMigrations, type Migration } from '../../../migrations';
import { AppError } from '../app-error';
import type { Database } from './schema';

export const LATEST_SCHEMA = allMigrations[allMigrations.length - 1]![0];

async function appliedNames(db: Kysely<Database>): Promise<string[]> {
  await sql`create table if not exists schema_migrations (name text primary key, applied_at text not null)`.execute(db);
  const rows = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** Names of migrations this database lacks. Throws if it was written by a newer version of the program. */
export async function pendingMigrations(
  db: Kysely<Database>,
  list: ReadonlyArray<readonly [string, Migration]> = allMigrations,
): Promise<string[]> {
  const applied = await appliedNames(db);
  const known = new Set(list.map(([name]) => name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'NEWER_DATABASE',
      'This database was written by a newer version of the program. Install the newer version to open it; nothing has been changed.',
    );
  }
  const done = new Set(applied);
  return list.map(([name]) => name).filter((name) => !done.has(name));
}

/** Applies each pending migration in its own transaction, so a failure leaves the database at the last good step. */
export async function migrate(
  db: Kysely<Database>,
  list: ReadonlyArray<readonly [string, Migration]> = allMigrations,
): Promise<string[]> {
  const pending = await pendingMigrations(db, list);
  for (const name of pending) {
    const migration = list.find(([n]) => n === name)![1];
    await db.transaction().execute(async (trx) => {
      await migration.up(trx as unknown as Kysely<unknown>);
      await trx.insertInto('schema_migrations').values({ name, applied_at: new Date().toISOString() }).execute();
    });
  }
  return pending;
}
