/**
 * Writing to the tables both sides share (tasks, safeguarding_concerns, sharing_log: see
 * db/partner-file.ts SHARED_TABLES). Their partner-side rows (a task or alert about her, a concern,
 * disclosure or sharing entry on her side) live in the partner file under the partner key; the
 * programme's rows stay in the programme database. Reads need nothing: with the partner file
 * attached each table reads as one (a temporary view over both files), and without it only the
 * programme's rows exist. Writes must name their file, which is what these helpers do.
 */
import { CompiledQuery, sql } from 'kysely';
import { PARTNER_ATTACHED_QUESTION } from '../../db/partner-attached';
import { AppError } from '../../app-error';
import type { Db } from '../../ipc/context';

/** Whether this session has the partner file attached (a holder's session). */
export async function partnerAttached(db: Db): Promise<boolean> {
  // Answered from memory by the dialect when this program attached or detached the file (db/partner-attached.ts).
  const r = await db.executeQuery<{ n: number }>(CompiledQuery.raw(PARTNER_ATTACHED_QUESTION));
  return Number(r.rows[0]?.n ?? 0) > 0;
}

async function partnerTablesInMain(db: Db): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'partners'`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/**
 * Every file a change to existing rows of a shared table must reach (an update or delete by id or
 * by a condition): the programme database, and the partner file while it is attached.
 */
export async function everyFile(db: Db): Promise<Db[]> {
  return (await partnerAttached(db)) ? [db.withSchema('main'), db.withSchema('partner')] : [db];
}

type Change = (file: Db) => Promise<{ numUpdatedRows?: bigint; numDeletedRows?: bigint }>;

/** Runs a change in every file and adds up the rows it changed. */
export async function inEveryFile(db: Db, change: Change): Promise<number> {
  const n = await inEachFile(db, change);
  return n.programme + n.partner;
}

/**
 * Runs a change in every file and counts the rows it changed in each. A count that goes into the
 * programme's audit chain must hold only the programme's rows: how many of her side's rows were
 * about him is hers to know (it goes into her chain, under the partner key).
 */
export async function inEachFile(db: Db, change: Change): Promise<{ programme: number; partner: number }> {
  const files = await everyFile(db);
  const n = { programme: 0, partner: 0 };
  for (const [i, file] of files.entries()) {
    const result = await change(file);
    n[i === 0 ? 'programme' : 'partner'] += Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
  }
  return n;
}

/**
 * Where a new row of a shared table goes: a partner-side row into the partner file (or, in a
 * folder not yet converted, the programme database that still holds her tables); a programme row
 * into the programme database. A partner-side row from a session without the partner side is
 * refused: it would land on the wrong side of the wall.
 */
export async function fileFor(db: Db, partnerSide: boolean): Promise<Db> {
  const attached = await partnerAttached(db);
  if (!partnerSide) return attached ? db.withSchema('main') : db;
  if (attached) return db.withSchema('partner');
  if (await partnerTablesInMain(db)) return db;
  throw new AppError(
    'FORBIDDEN',
    'The partner side is not open for you: your account does not hold the partner key. A manager can give you partner access.',
  );
}

/**
 * A programme-side task (an alert written "for the partner service" while the partner side was
 * closed) becomes hers: it moves into the partner file with her id, so it leaves the programme
 * database's pages (secure_delete zeroes the deleted row).
 */
export async function moveTaskBehindWall(db: Db, taskId: string): Promise<void> {
  if (!(await partnerAttached(db))) return;
  await sql`insert into partner.tasks select * from main.tasks where id = ${taskId}`.execute(db);
  await sql`delete from main.tasks where id = ${taskId}`.execute(db);
}
