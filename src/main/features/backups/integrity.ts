import { sql } from 'kysely';
import type { IntegrityResult } from '../../../shared/features/backups';
import { cipherIntegrityCheck } from '../../db/open';
import type { OpenDatabase } from '../../db/open';
import type { Db } from '../../ipc/context';

/** Most problems listed back; a badly damaged file can report thousands. */
const MAX_LISTED = 20;

/** A check that stopped part-way, in words (SQLite's code and message name no person). */
function stoppedBy(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : 'an error';
  const message = typeof e?.message === 'string' ? e.message.replace(/^[A-Z_]+:\s*/, '') : '';
  return `The check stopped part-way at a damaged page (${code}${message ? `: ${message}` : ''}).`;
}

/**
 * DESIGN section 3's on-demand check of the live database: SQLite's own check, then SQLCipher's page checksums.
 * A damaged page can make SQLite's check itself fail (SQLCipher cannot decrypt the page, and SQLite reports
 * SQLITE_NOMEM or "file is not a database"): that is a finding, not an error, and SQLCipher's check then
 * names the page ("HMAC verification failed for page 2").
 * `at` is the back end's clock when the check began (nowIso(ctx)): the time the window shows it was checked.
 */
export async function checkLiveDatabase(db: Db, opened: OpenDatabase, at: string): Promise<IntegrityResult> {
  let integrityProblems: string[];
  try {
    const rows = await sql<Record<string, string>>`PRAGMA integrity_check`.execute(db);
    integrityProblems = rows.rows.map((r) => Object.values(r).join(' ')).filter((line) => line !== 'ok');
  } catch (err) {
    integrityProblems = [stoppedBy(err)];
  }
  let cipherProblems: string[];
  try {
    cipherProblems = await cipherIntegrityCheck(opened);
  } catch (err) {
    cipherProblems = [stoppedBy(err)];
  }
  return {
    ok: integrityProblems.length === 0 && cipherProblems.length === 0,
    checkedAt: at,
    integrityProblems: integrityProblems.slice(0, MAX_LISTED),
    cipherProblems: cipherProblems.slice(0, MAX_LISTED),
  };
}
