/**
 * The audit log: append-only (the database's triggers refuse UPDATE and
 * DELETE) and hash-chained, so an entry changed or removed behind the
 * program's back is found by verify(). Entries hold field names and ids,
 * never field values: the log must not become a second copy of the records.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditVerifyResult } from '../../shared/features/audit';
import type { AuditLogTable, Database } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at?: string;
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  route?: string | null;
  outcome?: 'ok' | 'refused' | 'failed';
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown> | null;
}

type Row = Omit<AuditLogTable, 'seq' | 'hash'>;

function hashOf(row: Row): string {
  const canonical = JSON.stringify([
    row.at,
    row.actor_id,
    row.actor_role,
    row.action,
    row.route,
    row.outcome,
    row.subject_type,
    row.subject_id,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The two chains (issue 13 part 6): the programme database's, and the partner side's in the partner
 * file (db/partner-schema.ts upgrade 2), so that an administrator's view of the log holds nothing
 * of her: no subject, count, timing or link to a man.
 */
export type AuditChain = 'programme' | 'partner';

/** Routes and actions that are the partner side's own work (her record, contacts, plans, checklists, MARAC, outcomes). */
const PARTNER_ROUTE = /^(partners|partnerOutcomes|partner)\.|^outcomes\.(recordPartner|partnerOverview)$/;

/** Whether an entry is about the partner side: its subject is a partner, or it is a partner-side route. */
export function isPartnerSideEntry(input: AuditInput): boolean {
  return input.subjectType === 'partner' || PARTNER_ROUTE.test(input.route ?? input.action);
}

async function partnerChainOpen(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const rows = await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(db);
  return Number(rows.rows[0]?.n ?? 0) > 0;
}

/**
 * Which chain an entry goes to, and what of it. A partner-side entry goes to the partner chain
 * when the partner file is attached (a holder's session). Without it (a programme-side role tried a
 * partner route and was refused, or a folder not converted yet), it stays in the programme chain;
 * after the conversion it then keeps only that an attempt was made at a partner route: no id of
 * hers, no field names.
 */
async function placeOf(db: Kysely<Database> | Transaction<Database>, input: AuditInput): Promise<{ chain: AuditChain; entry: AuditInput }> {
  if (!isPartnerSideEntry(input)) return { chain: 'programme', entry: input };
  if (await partnerChainOpen(db)) return { chain: 'partner', entry: input };
  const converted = await sql<{ n: number }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'partners'`.execute(db);
  if (Number(converted.rows[0]?.n ?? 0) > 0) return { chain: 'programme', entry: input };
  return {
    chain: 'programme',
    // Only the refusal's code (FORBIDDEN, NOT_FOUND…) is kept: never her id, nor the fields asked for.
    entry: { ...input, subjectType: 'partner', subjectId: null, detail: typeof input.detail?.code === 'string' ? { code: input.detail.code } : null },
  };
}

/** The chain's table: the programme database's, or the partner file's (same name, same columns). */
export function chainDb(db: Kysely<Database> | Transaction<Database>, chain: AuditChain): Kysely<Database> {
  return (chain === 'partner' ? db.withSchema('partner') : db) as Kysely<Database>;
}

/** Appends one entry, to the chain it belongs to. Call it inside the transaction of the change it records. */
export async function appendAudit(db: Kysely<Database> | Transaction<Database>, input: AuditInput): Promise<void> {
  await appendAuditEntries(db, [input]);
}

/** Rows per INSERT: 11 values each, well under SQLite's limit on bound values in one statement. */
const ROWS_PER_INSERT = 500;

/**
 * Appends entries in order, each to the chain it belongs to, chained one to the next. Each chain's
 * last hash is read once and its rows go in a few multi-row INSERTs: one round trip each instead of
 * two per entry (a register of 12 men writes 13 entries, and under bs3mc every statement is a
 * message to the connection's thread). Call it inside the transaction of the change the entries record.
 */
export async function appendAuditEntries(db: Kysely<Database> | Transaction<Database>, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const placed: { chain: AuditChain; entry: AuditInput }[] = [];
  for (const input of inputs) placed.push(await placeOf(db, input));
  for (const chain of ['programme', 'partner'] as const) {
    const entries = placed.filter((p) => p.chain === chain).map((p) => p.entry);
    if (entries.length > 0) await appendToChain(chainDb(db, chain), entries);
  }
}

async function appendToChain(into: Kysely<Database>, inputs: readonly AuditInput[]): Promise<void> {
  const last = await into.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = inputs.map((input) => {
    const row: Row = {
      at: input.at ?? new Date().toISOString(),
      actor_id: input.actorId ?? null,
      actor_role: input.actorRole ?? null,
      action: input.action,
      route: input.route ?? null,
      outcome: input.outcome ?? 'ok',
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
      prev_hash: prevHash,
    };
    prevHash = hashOf(row);
    return { ...row, hash: prevHash };
  });
  // A multi-row INSERT gives its rows consecutive seq numbers in the order listed.
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await into.insertInto('audit_log').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
  }
}

/** Walks the chain from the start and reports the first entry that does not match. */
export async function verifyAudit(db: Kysely<Database>, chain: AuditChain = 'programme'): Promise<AuditVerifyResult> {
  // Stryker disable next-line StringLiteral: seq is the rowid, so an unordered scan returns the same order (see stryker.config.mjs)
  const rows = await chainDb(db, chain).selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        checked: rows.length,
        firstBroken: { seq: row.seq, at: row.at, reason: 'The link to the previous entry is broken: an entry before it was removed or changed.' },
      };
    }
    if (hashOf(row) !== row.hash) {
      return {
        ok: false,
        checked: rows.length,
        firstBroken: { seq: row.seq, at: row.at, reason: 'This entry was changed after it was written.' },
      };
    }
    prev = row.hash;
  }
  return { ok: true, checked: rows.length, firstBroken: null };
}
