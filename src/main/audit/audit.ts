/**
 * The audit log: append-only (the database's triggers refuse UPDATE and
 * DELETE) and hash-chained, so an entry changed or removed behind the
 * program's back is found by verify(). Entries hold field names and ids,
 * never field values: the log must not become a second copy of the records.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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

/** Appends one entry. Call it inside the transaction of the change it records. */
export async function appendAudit(db: Kysely<Database> | Transaction<Database>, input: AuditInput): Promise<void> {
  await appendAuditEntries(db, [input]);
}

/** Rows per INSERT: 11 values each, well under SQLite's limit on bound values in one statement. */
const ROWS_PER_INSERT = 500;

/**
 * Appends entries in order, chained one to the next. The last hash is read once and the rows go in
 * a few multi-row INSERTs: one round trip each instead of two per entry (a register of 12 men
 * writes 13 entries, and under bs3mc every statement is a message to the connection's thread).
 * Call it inside the transaction of the change the entries record.
 */
export async function appendAuditEntries(db: Kysely<Database> | Transaction<Database>, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const last = await db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
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
    await db.insertInto('audit_log').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
  }
}

/** Walks the chain from the start and reports the first entry that does not match. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerifyResult> {
  // Stryker disable next-line StringLiteral: seq is the rowid, so an unordered scan returns the same order (see stryker.config.mjs)
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
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
