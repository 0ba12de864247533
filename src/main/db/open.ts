import { existsSync, statSync } from 'node:fs';
import { Kysely, sql } from 'kysely';
import { AppError } from '../app-error';
import { SqlCipherDialect } from './dialect';
import { openRaw, type RawConnection } from './driver';
import { migrate, pendingMigrations } from './migrator';
import { makeSafetyCopy } from './safety-copy';
import type { Database } from './schema';

export interface OpenDatabase {
  db: Kysely<Database>;
  raw: RawConnection;
}

/**
 * Opens the encrypted database with a raw 256-bit key (the vault did the key
 * stretching, so SQLCipher's own KDF is bypassed) and applies the pragmas every
 * connection needs. With `create: false` a missing file is an error, never a
 * new empty database.
 */
export async function openDatabase(
  file: string,
  key: Buffer,
  options: { create?: boolean; migrate?: boolean; safetyCopy?: boolean } = {},
): Promise<OpenDatabase> {
  if (!options.create && !existsSync(file)) {
    throw new AppError('VAULT', 'The database file is missing from the data folder.');
  }
  // An empty file opens as an empty database, and the migrations would then build a new one inside it:
  // the lost records' file replaced without a word. It is refused instead (the problem screen offers a restore).
  if (!options.create && statSync(file).size === 0) {
    throw new AppError('VAULT', 'The database file is empty (0 bytes). Nothing has been changed.');
  }
  const raw = await openRaw(file);
  try {
    await raw.key(key);
    // The first read is where a wrong key, or a file that is not ours, shows itself.
    await raw.all('SELECT count(*) AS n FROM sqlite_master');
  } catch {
    await raw.close().catch(() => undefined);
    throw new AppError(
      'VAULT',
      'The database could not be opened with this key. The file may belong to another installation or be damaged. Nothing has been changed.',
    );
  }
  await raw.exec(
    [
      'PRAGMA journal_mode = WAL;',
      'PRAGMA synchronous = FULL;',
      'PRAGMA foreign_keys = ON;',
      'PRAGMA secure_delete = ON;',
      'PRAGMA temp_store = MEMORY;',
      'PRAGMA busy_timeout = 5000;',
      // The same page cache under both drivers (16 MiB; SQLCipher's default is 2 MiB): a list filtered on
      // a column without an index reads the whole participants table, which a 2 MiB cache re-reads and
      // re-decrypts from disk on every call (75 ms instead of 5 ms on a large charity's data).
      'PRAGMA cache_size = -16000;',
    ].join('\n'),
  );
  const db = new Kysely<Database>({ dialect: new SqlCipherDialect(raw) });
  if (options.migrate !== false) {
    try {
      // Before a migration changes an existing database, keep a copy of it as it was.
      if (options.safetyCopy && (await appliedCount(db)) > 0 && (await pendingMigrations(db)).length > 0) {
        await makeSafetyCopy(raw, file, key);
      }
      await migrate(db);
    } catch (err) {
      await db.destroy().catch(() => undefined);
      throw err;
    }
  }
  return { db, raw };
}

/** SQLCipher's page-level HMAC check; returns the problems found (empty when sound). Waits its turn on the connection. */
export async function cipherIntegrityCheck(opened: OpenDatabase): Promise<string[]> {
  return opened.db.connection().execute(() => opened.raw.cipherIntegrityCheck());
}

async function appliedCount(db: Kysely<Database>): Promise<number> {
  const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'`.execute(db);
  if (Number(table.rows[0]?.n ?? 0) === 0) return 0;
  const rows = await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}
