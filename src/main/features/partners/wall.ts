/**
 * What the programme side may know of the partner side, written across the wall by the partner
 * side at the moment it changes (never read across: with the partner file not attached, the
 * programme side has no partner table to read). See partner-side.ts and migration 0015.
 */
import { sql } from 'kysely';
import type { Db } from '../../ipc/context';
import { partnerContactStatusFromLinks } from './service';

/**
 * Whether this session can reach the partner side's tables: the partner file is attached (a
 * holder's session), or the folder has not been converted yet (the tables are still in case.db).
 */
export async function partnerSideOpen(db: Db): Promise<boolean> {
  const attached = await sql<{
    n: number;
  }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(db);
  if (Number(attached.rows[0]?.n ?? 0) > 0) return true;
  const inMain = await sql<{
    n: number;
  }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'partners'`.execute(db);
  return Number(inMain.rows[0]?.n ?? 0) > 0;
}

/** A contact summary marked safe to share (or unmarked: empty summary) crosses to each man she is linked to. */
export async function crossSharedSummary(
  db: Db,
  partnerId: string,
  contactId: string,
  at: string,
  summary: string,
): Promise<void> {
  await db.deleteFrom('partner_shared_summaries').where('contact_id', '=', contactId).execute();
  if (!summary) return;
  const men = await db
    .selectFrom('partner_links')
    .select('participant_id')
    .where('partner_id', '=', partnerId)
    .execute();
  for (const m of new Set(men.map((l) => l.participant_id))) {
    await db
      .insertInto('partner_shared_summaries')
      .values({ contact_id: contactId, participant_id: m, at, summary })
      .execute();
  }
}

/** Her contact status, or a new link, changes what the programme side may know of each man she is linked to: written across now. */
export async function crossContactStatus(db: Db, partnerId: string): Promise<void> {
  const men = await db.selectFrom('partner_links').select('participant_id').where('partner_id', '=', partnerId).execute();
  for (const m of new Set(men.map((l) => l.participant_id))) {
    const status = await partnerContactStatusFromLinks(db, m);
    await db.updateTable('participants').set({ partner_contact_status: status }).where('id', '=', m).execute();
  }
}
