import { appendAudit, chainDb } from '../../audit/audit';
import type { Db } from '../../ipc/context';
import { refreshBackupReminder } from '../backups/store';
import { raiseOutcomeTasks } from '../outcomes/due';
import { catchUpPartnerFlags, catchUpWaitingAlerts } from '../partners/partner-side';
import { partnerAttached } from '../partners/shared-rows';
import { inTransaction } from '../../db/transaction';
import { refreshTasksFor } from './service';

/**
 * Dates move on, whether the program was closed overnight or left open on a shared workstation:
 * the new day calls for tasks (consent and risk reviews, reports due, outcome measures, the backup
 * reminder). They are raised once per London day on each side of the partner wall: the programme
 * side at the day's first log-in of anyone, the partner side at the day's first log-in of someone
 * who holds the partner key (only her key opens the partner file). What a change to one man's
 * record calls for is raised at the change itself (tasks/service.ts refreshTasksFor, outcomes/due.ts
 * raiseOutcomeTasksFor), so a second log-in the same day has nothing to add; on ten years of
 * records raising everything again took 0.5–2 s at every log-in.
 *
 * Each side records the day in its own file, in the same transaction as its tasks: a crash half-way
 * leaves neither, and the next log-in raises the day again (the partner file and the programme
 * database commit apart, so neither side's record may stand for the other's tasks). The programme
 * side's day is a `meta` row; the partner file has no such table (its tables change only by its own
 * upgrades), so her side's day is an entry in her own audit chain, which the programme side cannot
 * read: it learns nothing of when she works.
 */
export type TaskSide = 'programme' | 'partner';

/** The programme side's day. */
const META_KEY = 'tasks_raised_on';
const DAY_ACTION = 'tasks.dayRaised';
const DAY_SUBJECT = 'day';

/** The last London day this side's tasks were raised for, or null if never (or not since the update that records it, or her side without her file). */
export async function lastRaisedOn(db: Db, side: TaskSide): Promise<string | null> {
  if (side === 'partner') {
    if (!(await partnerAttached(db))) return null;
    const row = await chainDb(db, 'partner')
      .selectFrom('audit_log')
      .select('detail')
      .where('subject_type', '=', 'tasks')
      .where('subject_id', '=', DAY_SUBJECT)
      .where('action', '=', DAY_ACTION)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const day = row?.detail ? (JSON.parse(row.detail) as { day?: unknown }).day : null;
    return typeof day === 'string' ? day : null;
  }
  const row = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  return row?.value ?? null;
}

async function recordDay(db: Db, side: TaskSide, today: string, since: string, now: string, actor: DayActor): Promise<void> {
  if (side === 'partner') {
    await appendAudit(db, {
      at: now,
      actorId: actor?.staffId ?? null,
      actorRole: actor?.role ?? null,
      action: DAY_ACTION,
      // `partner.` routes go to the partner side's chain (audit/audit.ts).
      route: 'partner.dayTasks',
      subjectType: 'tasks',
      subjectId: DAY_SUBJECT,
      detail: { day: today, since },
    });
    return;
  }
  await db
    .insertInto('meta')
    .values({ key: META_KEY, value: today })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: today }))
    .execute();
}

/** Whose log-in (or open session, at midnight) the day was raised in: named in her chain's entry. */
export type DayActor = { staffId: string; role: string } | null;

/**
 * Raises one side's tasks for `today` unless already raised for it, and records the day, in one
 * transaction. Days nobody logged in are not lost: the windows that look back (reports due, outcome
 * points) reach back from the last day raised, not only from today. Returns whether it raised.
 */
export async function raiseSideForDay(db: Db, side: TaskSide, today: string, now: string, actor: DayActor = null): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // Her side's tasks and her measures are in her file: a session without it (or a folder not yet converted) has none to raise.
    if (side === 'partner' && !(await partnerAttached(trx))) return false;
    const last = await lastRaisedOn(trx, side);
    if (last === today) return false;
    // A clock put back (last after today) raises from today, as before the record existed.
    const since = last && last < today ? last : today;
    if (side === 'programme') {
      await refreshTasksFor(trx, undefined, today, now, since);
      await refreshBackupReminder(trx, today, now);
      await raiseOutcomeTasks(trx, today, now, { his: true, hers: false, since });
    } else {
      await raiseOutcomeTasks(trx, today, now, { his: false, hers: true, since });
    }
    await recordDay(trx, side, today, since, now, actor);
    return true;
  });
}

/**
 * What follows a log-in, after its answer (backend.ts raiseDayTasks holds the one connection for
 * it, so every read the window makes next waits and sees the result): the partner side's catch-up
 * with what the programme side wrote while it was closed (every holder's log-in), then each side's
 * day. Returns whether an audit entry was written (the anchor then moves on).
 */
export async function raiseTasksForToday(db: Db, today: string, now: string, actor: DayActor = null): Promise<boolean> {
  // Each step is its own transaction and one failing does not stop the others; the first error is
  // thrown at the end (to be logged), and a side that failed has not recorded its day.
  const errors: unknown[] = [];
  const step = async <T>(work: () => Promise<T>, failed: T): Promise<T> => work().catch((err: unknown) => (errors.push(err), failed));
  if (await partnerAttached(db)) {
    // Apart, so that an alert that cannot move does not hold back her flags.
    await step(() => inTransaction(db, (trx) => catchUpPartnerFlags(trx)), undefined);
    await step(() => inTransaction(db, (trx) => catchUpWaitingAlerts(trx, today)), undefined);
  }
  await step(() => raiseSideForDay(db, 'programme', today, now, actor), false);
  // Only her side's record is an audit entry.
  const wrote = await step(() => raiseSideForDay(db, 'partner', today, now, actor), false);
  if (errors.length > 0) throw errors[0];
  return wrote;
}
