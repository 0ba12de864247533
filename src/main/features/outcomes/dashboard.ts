/**
 * The manager's dashboard on the home page: caseload by status, how long men wait to start,
 * attendance this quarter, risk levels now, and reviews and follow-ups overdue. Counts from the
 * programme side only, each linking to its list; cheap queries (it opens with the home page).
 */
import { sql } from 'kysely';
import { daysBetween } from '../../../shared/dates';
import type { Dashboard } from '../../../shared/features/outcomes';
import { statusLabels, statuses, type Status } from '../../../shared/features/participants';
import { riskLevelLabels, riskLevels } from '../../../shared/features/risk';
import type { Db } from '../../ipc/context';

/** Not yet started: waiting for an assessment or a place. */
export const WAITING: Status[] = ['referred', 'awaiting_assessment', 'assessed', 'waiting_list'];

export function quarterStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function dashboard(db: Db, today: string): Promise<Dashboard> {
  const byStatus = await db.selectFrom('participants').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('anonymised_at', 'is', null).groupBy('status').execute();
  const waits = await db
    .selectFrom('participants')
    .select('referred_on')
    .where('anonymised_at', 'is', null)
    .where('status', 'in', WAITING)
    .where('referred_on', 'is not', null)
    .orderBy('referred_on', 'desc')
    .execute();
  const days = waits.map((w) => Math.max(0, daysBetween(w.referred_on!, today)));
  const quarterFrom = quarterStart(today);
  const attendance = await db
    .selectFrom('register_entries')
    .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
    .select([sql<number>`sum(case when register_entries.attendance in ('present', 'late', 'left_early') then 1 else 0 end)`.as('attended'), (eb) => eb.fn.countAll<number>().as('marked')])
    .where('sessions.participant_id', 'is', null)
    .where('sessions.date', '>=', quarterFrom)
    .where('sessions.date', '<=', today)
    .executeTakeFirst();
  const risk = await db
    .selectFrom('participants')
    .select(['risk_level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('anonymised_at', 'is', null)
    .where('status', 'not in', ['completed', 'exited'])
    .where('risk_level', 'is not', null)
    .groupBy('risk_level')
    .execute();
  const overdue = await db
    .selectFrom('tasks')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('kind', 'in', ['review_due', 'outcome_due'])
    .where('due_on', '<', today)
    .groupBy('kind')
    .execute();
  const attended = Number(attendance?.attended ?? 0);
  const marked = Number(attendance?.marked ?? 0);
  const count = (rows: Array<{ n: number }>, pick: (r: never) => boolean) => Number((rows as never[]).filter(pick).reduce((s, r) => s + Number((r as { n: number }).n), 0));
  return {
    caseload: statuses.map((s) => ({ status: s, label: statusLabels[s], count: count(byStatus, (r: { status: string }) => r.status === s) })),
    waiting: { count: days.length, medianDays: median([...days].sort((a, b) => a - b)), longestDays: days.length ? Math.max(...days) : null },
    attendance: { attended, marked, percent: marked ? Math.floor((attended / marked) * 1000) / 10 : null, quarterFrom },
    risk: riskLevels.map((l) => ({ level: l, label: riskLevelLabels[l], count: count(risk, (r: { risk_level: string }) => r.risk_level === l) })),
    overdue: {
      reviews: count(overdue, (r: { kind: string }) => r.kind === 'review_due'),
      followUps: count(overdue, (r: { kind: string }) => r.kind === 'outcome_due'),
    },
  };
}
