/**
 * The partner side's audit chain (in the partner file, issue 13) has its own anchor outside the
 * database, like the programme's (audit/anchor.ts): without it the newest entries of her chain
 * vanishing together (a damaged write-ahead log, an older copy of partner.db put back) would leave
 * a sound chain and go unnoticed.
 *
 * The programme's anchor is only sealed (an HMAC); this one is also encrypted, under a key derived
 * from the partner key, and padded to one size: its number and time of the newest entry would
 * otherwise tell an administrator how much partner-side work was done and when. Only a session
 * holding the partner key (a manager or partner worker with the partner side open) writes or
 * checks it: after each commit, at log-in (before anything new goes into her chain) and in "verify".
 *
 * `partner-audit-anchor.json`, beside the keyring. Missing at a holder's log-in: if her chain says an
 * anchor was started (its `audit.anchorStarted` entry) that is reported; if not (the first log-in
 * with this version), or marked by a restore (which has no partner key to seal one with), a new one
 * starts silently and says so in her chain.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditAnchorCheck } from '../../shared/features/audit';
import type { Database } from '../db/schema';
import { decrypt, encrypt, hkdf, type Box } from '../vault/crypto';
import { auditTail, reachesTail, readSlots, recordedGap, SLOT_BYTES, writeSlot, type AnchorTail } from './anchor';

export const PARTNER_ANCHOR_FILE = 'partner-audit-anchor.json';
export const partnerAnchorPath = (dataDir: string) => join(dataDir, PARTNER_ANCHOR_FILE);

/** Names her chain in every message about it. */
export const PARTNER_CHAIN_PREFIX = 'In the partner side’s part of the audit log: ';

/** The entry in her chain that says her anchor has been started (so a missing file afterwards is reported). */
export const ANCHOR_STARTED = 'audit.anchorStarted';

/** Every plaintext is padded to this length, so the file's size says nothing about her chain. */
const PLAIN_BYTES = 160;

const aadOf = (databaseId: string) => `partner-audit-anchor:${databaseId}`;
const keyOf = (partnerKey: Buffer, databaseId: string) => hkdf(partnerKey, Buffer.from(databaseId, 'utf8'), 'partner-audit-anchor');

function slotText(partnerKey: Buffer, databaseId: string, tail: AnchorTail | null): string {
  const plain = JSON.stringify({ format: 1, tail }).padEnd(PLAIN_BYTES, ' ');
  if (Buffer.byteLength(plain) > PLAIN_BYTES) throw new Error('partner audit anchor too long');
  const key = keyOf(partnerKey, databaseId);
  try {
    const text = JSON.stringify({ format: 1, box: encrypt(key, Buffer.from(plain, 'utf8'), aadOf(databaseId)) });
    return text.padEnd(SLOT_BYTES - 1, ' ') + '\n';
  } finally {
    key.fill(0);
  }
}

function openSlot(text: string, partnerKey: Buffer, databaseId: string): { tail: AnchorTail | null } | null {
  try {
    const value = JSON.parse(text) as { format?: number; box?: Box };
    if (value.format !== 1 || !value.box) return null;
    const key = keyOf(partnerKey, databaseId);
    const plain = decrypt(key, value.box, aadOf(databaseId));
    key.fill(0);
    if (!plain) return null;
    const parsed = JSON.parse(plain.toString('utf8')) as { format?: number; tail?: AnchorTail | null };
    const tail = parsed.tail ?? null;
    if (parsed.format !== 1) return null;
    if (tail && (!Number.isSafeInteger(tail.seq) || typeof tail.hash !== 'string' || typeof tail.at !== 'string')) return null;
    return { tail };
  } catch {
    return null;
  }
}

/** Her chain's table (`partner.audit_log`). */
export const partnerChain = (db: Kysely<Database>) => db.withSchema('partner') as Kysely<Database>;

/** `fresh`: both slots (a new start, or a new partner key: the old key's slot must not linger). */
export function writePartnerAnchor(file: string, partnerKey: Buffer, databaseId: string, tail: AnchorTail | null, fresh = false): void {
  writeSlot(file, slotText(partnerKey, databaseId, tail), fresh || tail === null);
}

/** Her chain's newest entry into the anchor (after a commit in a holder's session). */
export async function anchorPartnerChain(db: Kysely<Database>, file: string, partnerKey: Buffer, databaseId: string, fresh = false): Promise<void> {
  writePartnerAnchor(file, partnerKey, databaseId, await auditTail(partnerChain(db)), fresh);
}

/**
 * A restore has no partner key to seal an anchor with: it leaves a mark that the restored chain
 * starts afresh, and the next holder's log-in starts a new anchor from the chain as restored.
 */
const RESTORED_MARK = JSON.stringify({ format: 1, restored: true });
export function markPartnerAnchorRestored(file: string): void {
  writeSlot(file, RESTORED_MARK.padEnd(SLOT_BYTES - 1, ' ') + '\n', true);
}

function restoredMark(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').trim().startsWith(RESTORED_MARK);
  } catch {
    return false;
  }
}

/**
 * Does her chain reach its anchor? `null` when there is no anchor and none was ever started (nothing
 * to check yet: the caller starts one).
 */
export async function checkPartnerAnchor(
  db: Kysely<Database>,
  file: string,
  partnerKey: Buffer,
  databaseId: string,
): Promise<AuditAnchorCheck | null> {
  const chain = partnerChain(db);
  if (!existsSync(file)) {
    const started = await chain.selectFrom('audit_log').select('seq').where('action', '=', ANCHOR_STARTED).limit(1).executeTakeFirst();
    if (!started) return null;
    return {
      state: 'anchor-missing',
      message: `${PARTNER_CHAIN_PREFIX}its anchor file (${PARTNER_ANCHOR_FILE}) was not found in the data folder, so the program cannot tell whether the newest entries are all there. Her records themselves are not affected. A new anchor has been written; if this happens again, tell a manager.`,
    };
  }
  if (restoredMark(file)) return null;
  const anchor = readSlots(file, (text) => openSlot(text, partnerKey, databaseId));
  if (anchor.state !== 'ok') {
    return {
      state: 'anchor-damaged',
      message: `${PARTNER_CHAIN_PREFIX}its anchor file (${PARTNER_ANCHOR_FILE}) is damaged or was not written under this partner key, so the program cannot tell whether the newest entries are all there. Her records themselves are not affected. A new anchor has been written; if this happens again, tell a manager.`,
    };
  }
  return reachesTail(chain, anchor.tail, PARTNER_CHAIN_PREFIX);
}

/** A gap in her chain found at an earlier log-in, still reported by "verify" once the anchor has moved on. */
export function recordedPartnerGap(db: Kysely<Database>): Promise<AuditAnchorCheck | null> {
  return recordedGap(partnerChain(db), PARTNER_CHAIN_PREFIX);
}
