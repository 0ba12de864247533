import { sql } from 'kysely';
import type { IntegrityResult } from '../../../shared/features/backups';
import { cipherIntegrityCheck } from '../../db/open';
import type { OpenDatabase } from '../../db/open';
import type { Db } from '../../ipc/context';

/** Most problems listed back; a badly damaged file can report thousands. */
const MAX_LISTED = 20;

/** DESIGN section 3's on-demand check of the live database: SQLite's own check, then SQLCipher's page checksums. */
export async function checkLiveDatabase(db: Db, opened: OpenDatabase): Promise<IntegrityResult> {
  const rows = await sql<Record<string, string>>`PRAGMA integrity_check`.execute(db);
  const integrityProblems = rows.rows.map((r) => Object.values(r).join(' ')).filter((line) => line !== 'ok');
  const cipherProblems = await cipherIntegrityCheck(opened);
  return {
    ok: integrityProblems.length === 0 && cipherProblems.length === 0,
    checkedAt: new Date().toISOString(),
    integrityProblems: integrityProblems.slice(0, MAX_LISTED),
    cipherProblems: cipherProblems.slice(0, MAX_LISTED),
  };
}
