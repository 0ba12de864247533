/**
 * SQLCipher copies: `sqlcipher_export` of the live database into a new file
 * under another key, and the checks a copy must pass (integrity, the cipher's
 * page check, row counts).
 */
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../app-error';
import { openRaw, type RawConnection } from '../../db/driver';
import { keyPragma } from '../../db/open';
import type { Database } from '../../db/schema';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const keyLiteral = (key: Buffer) => `"x'${key.toString('hex')}'"`;

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
 * Copies the live database into `file` under `key`, holding the one
 * connection so the counts and the copy see the same moment. Returns the live
 * row counts at that moment.
 */
export async function exportDatabase(db: Kysely<Database>, file: string, key: Buffer): Promise<TableCounts> {
  return db.connection().execute(async (conn) => {
    const run = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(conn)).rows;
    await run(`ATTACH DATABASE ${quote(file)} AS backup KEY ${keyLiteral(key)}`);
    try {
      await run('BEGIN');
      try {
        const counts = await countRows(run);
        await run("SELECT sqlcipher_export('backup')");
        await run('COMMIT');
        return counts;
      } catch (err) {
        await run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await run('DETACH DATABASE backup').catch(() => undefined);
    }
  });
}

export const BACKUP_KEY_WRONG =
  'The backup could not be opened with its key, so it is damaged or has been altered. Nothing has been changed.';

/** Opens a copy read-only with its key; refuses with a plain message if the key does not open it. */
export async function openCopy(file: string, key: Buffer): Promise<RawConnection> {
  const raw = await openRaw(file);
  try {
    await raw.exec('PRAGMA cipher_log_level = NONE;');
    await raw.exec(keyPragma(key));
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
  const cipher = await raw.all('PRAGMA cipher_integrity_check');
  if (cipher.length > 0) throw damaged('encryption check');
  return countRows((text) => raw.all(text));
}

export function sameCounts(a: TableCounts, b: TableCounts): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
