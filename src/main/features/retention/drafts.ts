/**
 * Drafts (text kept as it is typed, see features/drafts) about a record that
 * is erased or anonymised under retention. They are encrypted under each
 * author's own key, so they cannot be read or redacted here: every draft
 * about him (his record, his case notes, assessments, reports and own
 * sessions) is removed, whoever typed it, in the same transaction. So is
 * every draft about an erased partner (her contact notes), which lives
 * behind the wall in the partner file's own drafts table (partner upgrade 4,
 * db/partner-schema.ts), or still in the programme database in a folder not
 * yet converted.
 */
import { sql } from 'kysely';
import type { Db } from '../../ipc/context';
import { partnerAttached } from '../partners/shared-rows';

/** What a draft is about is the middle of its place, `kind:about:field` (drafts/service.ts). */
const aboutOf = (place: string) => place.split(':')[1] ?? '';

/**
 * The `about` values a draft about this man can have: his record, and his case notes, assessments and reports.
 * (His own sessions are added by the caller, which finds them with his one-to-one groups.)
 */
export async function draftSubjectsOfParticipant(db: Db, id: string): Promise<Set<string>> {
  const ids = async (table: 'case_notes' | 'assessments' | 'reports') =>
    (await db.selectFrom(table).select('id').where('participant_id', '=', id).execute()).map((r) => r.id);
  const notes = await ids('case_notes');
  return new Set([id, ...notes, ...notes.map((n) => `note-${n}`), ...(await ids('assessments')), ...(await ids('reports'))]);
}

/** Removes every draft about any of `subjects`; returns how many. The drafts table is small (old ones expire), so it is read whole. */
export async function deleteDraftsAbout(db: Db, subjects: Set<string>): Promise<number> {
  const gone = (await db.selectFrom('drafts').select(['staff_id', 'place']).execute()).filter((d) => subjects.has(aboutOf(d.place)));
  for (const d of gone) await db.deleteFrom('drafts').where('staff_id', '=', d.staff_id).where('place', '=', d.place).execute();
  return gone.length;
}

/**
 * Removes every draft about her (`about` is her record's id), whoever typed it, from every file that holds
 * drafts: the partner file's table while it is attached, and the programme database's. Returns how many.
 */
export async function deleteDraftsAboutPartner(db: Db, id: string): Promise<number> {
  const subjects = new Set([id]);
  if (!(await partnerAttached(db))) return deleteDraftsAbout(db, subjects);
  let n = await deleteDraftsAbout(db.withSchema('main'), subjects);
  const r = await sql<{ n: number }>`select count(*) as n from partner.sqlite_master where type = 'table' and name = 'drafts'`.execute(db);
  if (Number(r.rows[0]?.n ?? 0) > 0) n += await deleteDraftsAbout(db.withSchema('partner'), subjects);
  return n;
}
