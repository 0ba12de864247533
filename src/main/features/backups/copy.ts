/**
 * SQLCipher copies: `sqlcipher_export` (or the driver's equivalent) of the live database into a new file
 * under another key, and the checks a copy must pass (integrity, the cipher's
 * page check, row counts).
 */
import { AppError } from '../../app-error';
import { openRaw, type RawConnection } from '../../db/driver';
import type { OpenDatabase } from '../../db/open';

export type TableCounts = Record<string, number>;

const TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%' ORDER BY name";

async function countRows(run: (text: string) => Promise<Array<Record<string, unknown>>>): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const row of await run(TABLES_SQL)) {
    const name = String(row.name);
    const [result] = await run(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(result?.n ?? 0);
  }
  return counts;
}

/**
 * Copies an open database into `file` under `key`, holding its one connection
 * so the counts and the copy see the same moment. Returns the row counts at
 * that moment. Used in-process where the database is already open (a restore's
 * migrated copy, the tests); a backup of the live database goes through
 * `countAndExport` on a worker thread instead.
 */
export async function exportDatabase(opened: OpenDatabase, file: string, key: Buffer): Promise<TableCounts> {
  return opened.db.connection().execute(async () => exportThrough(opened.raw, file, key));
}

/**
 * Opens its own connection to a database file and copies it into `file` under
 * `copyKey`, inside one read transaction: in WAL mode that is one consistent
 * moment even while the program's own connection goes on writing.
 */
export async function countAndExport(
  databaseFile: string,
  databaseKey: Buffer,
  file: string,
  copyKey: Buffer,
  pageLimit?: number,
): Promise<TableCounts> {
  const raw = await openRaw(databaseFile);
  try {
    await raw.key(databaseKey);
    await raw.exec('PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;');
    return await exportThrough(raw, file, copyKey, pageLimit);
  } finally {
    await raw.close();
  }
}

async function exportThrough(raw: RawConnection, file: string, key: Buffer, pageLimit?: number): Promise<TableCounts> {
  const run = (text: string) => raw.all<Record<string, unknown>>(text);
  // A copy fills tables in any order: foreign keys are not checked while it is made (as SQLCipher's own export does).
  // The pragma cannot change inside a transaction, so it is switched off before and back on after.
  const foreignKeys = Number((await run('PRAGMA foreign_keys'))[0]?.foreign_keys ?? 0) === 1;
  if (foreignKeys) await raw.exec('PRAGMA foreign_keys = OFF;');
  await raw.attach(file, 'backup', key);
  try {
    if (pageLimit) await raw.all(`PRAGMA backup.max_page_count = ${Math.max(1, Math.floor(pageLimit))}`);
    await raw.exec('BEGIN');
    try {
      const counts = await countRows(run);
      await raw.exportInto('backup');
      await raw.exec('COMMIT');
      return counts;
    } catch (err) {
      await raw.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await raw.exec('DETACH DATABASE backup').catch(() => undefined);
    if (foreignKeys) await raw.exec('PRAGMA foreign_keys = ON;');
  }
}

export const BACKUP_KEY_WRONG =
  'The backup could not be opened with its key, so it is damaged or has been altered. Nothing has been changed.';

/** Opens a copy read-only with its key; refuses with a plain message if the key does not open it. */
export async function openCopy(file: string, key: Buffer): Promise<RawConnection> {
  const raw = await openRaw(file);
  try {
    await raw.key(key);
    await raw.all('SELECT count(*) AS n FROM sqlite_master');
    await raw.exec('PRAGMA query_only = ON;');
    return raw;
  } catch {
    await raw.close().catch(() => undefined);
    throw new AppError('VALIDATION', BACKUP_KEY_WRONG, { fields: { file: BACKUP_KEY_WRONG } });
  }
}

/**
 * The checks a copy must pass: SQLite's own check, SQLCipher's check of every
 * page's MAC, and row counts. Throws a plain message naming the check that failed.
 *
 * `thorough` (a restore) runs integrity_check, which also proves every index
 * agrees with its table. A fresh backup copy runs quick_check instead: the same
 * page, record and b-tree checks without re-reading every index against its
 * table. Its indexes were built a moment before by sqlcipher_export from a live
 * database that passed its own checks, and the restore that would rely on them
 * runs the thorough check anyway. On 5,000 men integrity_check took about four times as long.
 */
export async function checkCopy(raw: RawConnection, thorough = true): Promise<TableCounts> {
  const damaged = (what: string) =>
    new AppError('VALIDATION', `The backup failed its ${what}, so it is damaged. Nothing has been changed.`, {
      fields: { file: 'Damaged' },
    });
  const integrity = await raw.all<Record<string, string>>(thorough ? 'PRAGMA integrity_check' : 'PRAGMA quick_check');
  if (integrity.length !== 1 || Object.values(integrity[0]!)[0] !== 'ok') throw damaged('integrity check');
  const cipher = await raw.cipherIntegrityCheck();
  if (cipher.length > 0) throw damaged('encryption check');
  return countRows((text) => raw.all(text));
}

export function sameCounts(a: TableCounts, b: TableCounts): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
