/**
 * The audit chain's anchor, kept outside the database. The hash chain inside
 * the database notices an entry changed or removed from the middle, but not
 * the newest entries vanishing together (damage to the write-ahead log can
 * drop the last transactions whole, and what is left is still a sound chain).
 * So after each commit the newest entry's number and hash are written to
 * `audit-anchor.json` beside the keyring, with an HMAC under a key derived from
 * the database key: nobody without the key can write an anchor the program
 * accepts. At log-in and in "verify" the database must reach the anchor.
 *
 * The anchor is written after the commit, so a crash between the two leaves it
 * behind the database (safe: it vouches for less), never ahead of it. For the
 * same reason it is not fsynced: an anchor lost with the power is older, or
 * unreadable, and an unreadable anchor is reported, never fatal.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditAnchorCheck } from '../../shared/features/audit';
import type { Database } from '../db/schema';
import { hkdf } from '../vault/crypto';

export const ANCHOR_FILE = 'audit-anchor.json';

export interface AnchorTail {
  seq: number;
  hash: string;
  at: string;
}

interface AnchorFile {
  format: 1;
  databaseId: string;
  /** null: a fresh start (set-up or a restore) with nothing to vouch for yet */
  tail: AnchorTail | null;
  mac: string;
}

export const anchorPath = (dataDir: string) => join(dataDir, ANCHOR_FILE);

function macOf(dataKey: Buffer, databaseId: string, tail: AnchorTail | null): string {
  const key = hkdf(dataKey, Buffer.from(databaseId, 'utf8'), 'audit-anchor');
  return createHmac('sha256', key)
    .update(JSON.stringify([1, databaseId, tail?.seq ?? null, tail?.hash ?? null, tail?.at ?? null]))
    .digest('base64');
}

/**
 * The file holds two fixed-size slots, written in turn, each whole with its own MAC. A write goes into
 * one slot in place (no rename, no fsync: a rename-and-replace costs the disk a flush on every write,
 * which more than doubled the cost of keeping the anchor). A write torn by a crash spoils only its own
 * slot; the other still vouches for the entries up to it.
 */
export const SLOT_BYTES = 512;
const nextSlot = new Map<string, number>();

function slotText(dataKey: Buffer, databaseId: string, tail: AnchorTail | null): string {
  const content: AnchorFile = { format: 1, databaseId, tail, mac: macOf(dataKey, databaseId, tail) };
  const text = JSON.stringify(content);
  if (Buffer.byteLength(text) > SLOT_BYTES - 1) throw new Error('audit anchor too long');
  return text.padEnd(SLOT_BYTES - 1, ' ') + '\n';
}

/**
 * Writes the anchor. `null`: a fresh start (set-up, restore) with nothing to vouch for yet. `fresh` (and
 * `null`) write both slots: after a gap has been found and recorded, the old slot must not keep
 * vouching for the entries that were lost.
 */
export function writeAnchor(file: string, dataKey: Buffer, databaseId: string, tail: AnchorTail | null, fresh = false): void {
  writeSlot(file, slotText(dataKey, databaseId, tail), fresh || tail === null);
}

/** One slot's text (SLOT_BYTES long) into the file's next slot; `both`: into both (a fresh start). */
export function writeSlot(file: string, text: string, both: boolean): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  if (both || size !== 2 * SLOT_BYTES) {
    writeFileSync(file, text + text, { mode: 0o600 });
    nextSlot.set(file, 0);
    return;
  }
  const slot = nextSlot.get(file) ?? 0;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, text, slot * SLOT_BYTES, 'utf8');
  } finally {
    closeSync(fd);
  }
  nextSlot.set(file, 1 - slot);
}

export async function auditTail(db: Kysely<Database>): Promise<AnchorTail | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash, at: row.at } : null;
}

export type ReadAnchor = { state: 'ok'; tail: AnchorTail | null } | { state: 'missing' } | { state: 'damaged' };

function readSlot(text: string, dataKey: Buffer, databaseId: string): { tail: AnchorTail | null } | null {
  try {
    const value = JSON.parse(text) as Partial<AnchorFile>;
    const tail = value.tail ?? null;
    if (value.format !== 1 || value.databaseId !== databaseId || typeof value.mac !== 'string') return null;
    if (tail && (!Number.isSafeInteger(tail.seq) || typeof tail.hash !== 'string' || typeof tail.at !== 'string')) return null;
    const expected = Buffer.from(macOf(dataKey, databaseId, tail), 'base64');
    const given = Buffer.from(value.mac, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { tail };
  } catch {
    return null;
  }
}

/** The newest slot whose MAC holds under this database key. */
export function readAnchor(file: string, dataKey: Buffer, databaseId: string): ReadAnchor {
  return readSlots(file, (text) => readSlot(text, dataKey, databaseId));
}

/** The newest slot that `open` accepts (its seal holds). */
export function readSlots(file: string, open: (text: string) => { tail: AnchorTail | null } | null): ReadAnchor {
  if (!existsSync(file)) return { state: 'missing' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { state: 'damaged' };
  }
  const slots = [bytes.subarray(0, SLOT_BYTES), bytes.subarray(SLOT_BYTES, 2 * SLOT_BYTES)]
    .map((b) => open(b.toString('utf8').trim()))
    .filter((s): s is { tail: AnchorTail | null } => s !== null)
    .sort((a, b) => (b.tail?.seq ?? 0) - (a.tail?.seq ?? 0));
  return slots[0] ? { state: 'ok', tail: slots[0].tail } : { state: 'damaged' };
}

/** Does the database reach the anchor? Says how many entries are missing and since when if not. */
export async function checkAnchor(
  db: Kysely<Database>,
  file: string,
  dataKey: Buffer,
  databaseId: string,
): Promise<AuditAnchorCheck> {
  const anchor = readAnchor(file, dataKey, databaseId);
  if (anchor.state === 'missing') {
    return {
      state: 'anchor-missing',
      message:
        'The audit log’s anchor file (audit-anchor.json) was not found in the data folder, so the program cannot tell whether the newest audit entries are all there. The records themselves are not affected. A new anchor has been written; if this happens again, tell your administrator.',
    };
  }
  if (anchor.state === 'damaged') {
    return {
      state: 'anchor-damaged',
      message:
        'The audit log’s anchor file (audit-anchor.json) is damaged or was not written by this installation, so the program cannot tell whether the newest audit entries are all there. The records themselves are not affected. A new anchor has been written; if this happens again, tell your administrator.',
    };
  }
  return reachesTail(db, anchor.tail);
}

/**
 * Does this chain (the programme database's `audit_log`, or the partner file's through
 * `withSchema('partner')`) reach the anchored tail? `prefix` names the chain in the message.
 */
export async function reachesTail(db: Kysely<Database>, anchored: AnchorTail | null, prefix = ''): Promise<AuditAnchorCheck> {
  if (!anchored) return { state: 'ok' };
  const anchor = { tail: anchored };
  const tail = await auditTail(db);
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('seq', '=', anchor.tail.seq)
    .executeTakeFirst();
  if (row && row.hash === anchor.tail.hash) return { state: 'ok' };
  // Entries up to the anchor are gone: either the database stops short of it, or (newer entries written
  // over the gap) the entry with the anchor's number is a different one. Count from the last entry that
  // is still the same as before.
  const keptSeq = row ? Math.min(anchor.tail.seq - 1, tail?.seq ?? 0) : tail?.seq ?? 0;
  const kept = keptSeq > 0 ? await db.selectFrom('audit_log').select('at').where('seq', '=', keptSeq).executeTakeFirst() : undefined;
  const missing = anchor.tail.seq - keptSeq;
  const since = kept?.at ?? null;
  return {
    state: 'entries-missing',
    missing,
    since,
    until: anchor.tail.at,
    message: prefix + missingMessage(missing, since, anchor.tail.at),
  };
}

/**
 * The newest gap found at an earlier log-in (recorded in the chain as `audit.entriesMissing`): once the
 * anchor has moved on, "verify" still reports it, so the hole is never forgotten.
 */
export async function recordedGap(db: Kysely<Database>, prefix = ''): Promise<AuditAnchorCheck | null> {
  const row = await db
    .selectFrom('audit_log')
    .select(['detail'])
    .where('action', '=', 'audit.entriesMissing')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.detail) return null;
  const d = JSON.parse(row.detail) as { missing?: number; since?: string | null; until?: string };
  if (typeof d.missing !== 'number' || typeof d.until !== 'string') return null;
  const since = d.since ?? null;
  return { state: 'entries-missing', missing: d.missing, since, until: d.until, message: prefix + missingMessage(d.missing, since, d.until) };
}

const ukDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(', ', ' at ');

export function missingMessage(missing: number, since: string | null, until: string): string {
  const what = missing === 1 ? '1 audit entry is' : `${missing} audit entries are`;
  const when = since ? `written after ${ukDateTime(since)}` : 'from the start of the log';
  return `${what} missing from the database: the newest ones, ${when} (up to ${ukDateTime(until)}). The database file may have been damaged, for example by a power cut or a failing disk, and changes made in that time may be lost too. Restore the newest backup (Backups, then "Restore from a backup"), or ask for help before more work is done.`;
}
