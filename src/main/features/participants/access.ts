/**
 * Who may open a participant's record. A restricted record opens only for the
 * staff named on it; everyone else learns only that it exists.
 */
import { AppError, notFound } from '../../app-error';
import type { Db, Session } from '../../ipc/context';

export async function canOpen(db: Db, session: Session, participantId: string, restricted?: boolean): Promise<boolean> {
  let isRestricted = restricted;
  if (isRestricted === undefined) {
    const row = await db.selectFrom('participants').select('restricted').where('id', '=', participantId).executeTakeFirst();
    if (!row) throw notFound('That participant');
    isRestricted = row.restricted === 1;
  }
  if (!isRestricted) return true;
  const access = await db
    .selectFrom('participant_access')
    .select('staff_id')
    .where('participant_id', '=', participantId)
    .where('staff_id', '=', session.staffId)
    .executeTakeFirst();
  return Boolean(access);
}

/**
 * Throws FORBIDDEN (which the router audits as a refused attempt on this record) unless the person may open it.
 * `restricted`: from his row when the caller has just read it, so it is not read again.
 */
export async function assertCanOpen(db: Db, session: Session, participantId: string, restricted?: boolean): Promise<void> {
  if (!(await canOpen(db, session, participantId, restricted))) {
    throw new AppError('FORBIDDEN', 'This record is restricted to named staff. Ask a manager if you need to see it.');
  }
}

/** The set of restricted participants (among `ids`) this person may open. */
export async function openableRestricted(db: Db, session: Session, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('participant_access')
    .select('participant_id')
    .where('staff_id', '=', session.staffId)
    .where('participant_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.participant_id));
}

/** The restricted participants (among `ids`, any may be null) this person may NOT open. */
export async function hiddenParticipants(db: Db, session: Session, ids: Array<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Set();
  const restricted = await db.selectFrom('participants').select('id').where('restricted', '=', 1).where('id', 'in', wanted).execute();
  const openable = await openableRestricted(db, session, restricted.map((r) => r.id));
  return new Set(restricted.map((r) => r.id).filter((id) => !openable.has(id)));
}
