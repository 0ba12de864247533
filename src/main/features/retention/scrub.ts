/**
 * Removing identity from stored text. Free text (notes, reasons, names,
 * numbers, addresses) becomes a marker; what the figures and the screens need
 * stays: dates, ids, coded values (lower-case words such as `suitable_group`),
 * numbers and yes/no answers.
 */
import { sql } from 'kysely';
import { foldForSearch } from '../../../shared/text';
import type { Db } from '../../ipc/context';

export const REMOVED = '[removed]';

const KEEP = [
  /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[a-z][a-z0-9_]*$/,
  /^\d{2}:\d{2}$/,
];

export function scrubValue(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (value === '' || KEEP.some((re) => re.test(value))) return value;
    return /email/i.test(key) ? '' : REMOVED;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubValue(v, k)]));
  }
  return value;
}

/** A stored JSON text with its free text removed. */
export function scrubJson(json: string): string {
  try {
    return JSON.stringify(scrubValue(JSON.parse(json)));
  } catch {
    return JSON.stringify(REMOVED);
  }
}

export const scrubText = (text: string) => (text ? REMOVED : '');

/** Replaces each of the names (whole words, ignoring case) in text someone else wrote, such as a group's debrief. */
export function redactNames(text: string, names: readonly string[]): string {
  const words = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  let out = text;
  for (const name of words) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), REMOVED);
  }
  return out;
}

/** Whether the text names any of these people (folded: accents, case and apostrophes ignored). */
export function mentions(text: string, names: readonly string[]): boolean {
  return mentionFinder(names)(text);
}

/**
 * `mentions` for many texts against the same names: the names are folded once
 * into a set, and each text is looked up by its runs of whole words, so the
 * work grows with the text, not with the number of names (a subject access
 * pack checks every note of his against every other man on record).
 */
export function mentionFinder(names: readonly string[]): (text: string) => boolean {
  const wanted = new Set<string>();
  let longest = 0;
  for (const n of names) {
    const f = foldForSearch(n);
    if (f.length < 3 || wanted.has(f)) continue;
    wanted.add(f);
    longest = Math.max(longest, f.split(' ').length);
  }
  return (text) => {
    if (!text || wanted.size === 0) return false;
    const words = foldForSearch(text).split(' ');
    for (let i = 0; i < words.length; i++) {
      let run = '';
      for (let k = 0; k < longest && i + k < words.length; k++) {
        run = k === 0 ? words[i]! : `${run} ${words[i + k]!}`;
        if (wanted.has(run)) return true;
      }
    }
    return false;
  };
}

/** Reports and letters (migration 0005): his own lose their text; others that printed his name (registers) lose his name. */
export async function scrubReports(
  db: Db,
  participantId: string,
  names: readonly string[],
  mode: 'anonymise' | 'delete',
): Promise<number> {
  const exists = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where type = 'table' and name = 'reports'`.execute(db);
  if (!Number(exists.rows[0]?.n)) return 0;
  let changed = 0;
  if (mode === 'anonymise') {
    const own = await sql<{
      id: string;
      sections: string;
      content: string | null;
      recipient_name: string;
      share_reason: string;
    }>`select id, sections, content, recipient_name, share_reason from reports where participant_id = ${participantId}`.execute(db);
    for (const r of own.rows) {
      // share_reason: a manager's reason for sharing without his consent (migration 0018), written text like a note.
      await sql`update reports set sections = ${scrubJson(r.sections)}, content = ${r.content === null ? null : scrubJson(r.content)}, recipient_name = ${scrubText(r.recipient_name)}, share_reason = ${scrubText(r.share_reason)}, file_name = null where id = ${r.id}`.execute(
        db,
      );
      changed += 1;
    }
  }
  const last = names.find((n) => n.trim().length >= 2) ?? '';
  if (!last) return changed;
  const others = await sql<{
    id: string;
    sections: string;
    content: string | null;
  }>`select id, sections, content from reports where (participant_id is null or participant_id != ${participantId}) and (content like ${`%${last}%`} or sections like ${`%${last}%`})`.execute(
    db,
  );
  for (const r of others.rows) {
    await sql`update reports set sections = ${redactNames(r.sections, names)}, content = ${r.content === null ? null : redactNames(r.content, names)} where id = ${r.id}`.execute(
      db,
    );
    changed += 1;
  }
  return changed;
}
