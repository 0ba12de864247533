/**
 * The search index: folded text in FTS5 tables, kept in step by the services
 * in the same transaction as the change. Both `obrien` and `o brien` are
 * indexed for `O'Brien`, so either way of typing finds him.
 */
import { sql } from 'kysely';
import { foldForSearch } from '../../../shared/text';
import type { Db } from '../../ipc/context';

export function indexText(text: string): string {
  const joined = foldForSearch(text);
  const spaced = foldForSearch(text.replace(/['’‘`´-]/g, ' '));
  return joined === spaced ? joined : `${joined} ${spaced}`;
}

/** An FTS5 query: every folded word as a prefix, all required. Null when there is nothing to search for. */
export function ftsQuery(q: string): string | null {
  const words = foldForSearch(q).split(' ').filter(Boolean).slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

type Indexed = { id: string; reference: string; firstName: string; lastName: string; preferredName: string; aliases: string[] };

/** His rows in the search index: his names, his reference (with and without dashes), his aliases. */
function searchRows(p: Indexed) {
  return [
    { participant_id: p.id, kind: 'name', text: indexText(`${p.firstName} ${p.preferredName} ${p.lastName}`) },
    { participant_id: p.id, kind: 'reference', text: `${indexText(p.reference)} ${p.reference.replace(/-/g, '').toLowerCase()}` },
    ...p.aliases.map((alias) => ({ participant_id: p.id, kind: 'alias', text: indexText(alias) })),
  ];
}

export async function indexParticipant(db: Db, p: Indexed): Promise<void> {
  await db.deleteFrom('participant_search').where('participant_id', '=', p.id).execute();
  await db.insertInto('participant_search').values(searchRows(p)).execute();
}

/**
 * Men just created (an import): nothing to replace, so no delete (a delete by participant id
 * scans the whole index), and their rows go in a few statements rather than one per man.
 */
export async function indexNewParticipants(db: Db, people: Indexed[]): Promise<void> {
  const rows = people.flatMap(searchRows);
  for (let i = 0; i < rows.length; i += 300) await db.insertInto('participant_search').values(rows.slice(i, i + 300)).execute();
}

/** `isNew`: nothing to replace. The delete by note id scans the whole index (FTS5 cannot index that column), so a new note skips it. */
export async function indexNote(db: Db, note: { id: string; participantId: string; body: string }, isNew = false): Promise<void> {
  if (!isNew) await db.deleteFrom('note_search').where('note_id', '=', note.id).execute();
  await db.insertInto('note_search').values({ note_id: note.id, participant_id: note.participantId, text: indexText(note.body) }).execute();
}

/**
 * `ranked`: the best `limit` by bm25. Unranked is for a one- or two-letter prefix (isShortSearch), which matches
 * thousands of entries: ranking works out a score for every one of them before the limit applies (tens of ms on ten
 * years of data), while unranked stops at the limit.
 */
export async function matchParticipants(db: Db, query: string, limit: number, ranked = true) {
  return ranked
    ? sql<{ participant_id: string; kind: string }>`
    select participant_id, kind from participant_search where participant_search match ${query} order by rank limit ${limit}`.execute(db)
    : sql<{ participant_id: string; kind: string }>`
    select participant_id, kind from participant_search where participant_search match ${query} limit ${limit}`.execute(db);
}

export async function matchNotes(db: Db, query: string, limit: number) {
  return sql<{ participant_id: string }>`
    select participant_id from note_search where note_search match ${query} order by rank limit ${limit}`.execute(db);
}
