/**
 * Where a man is in his programme, for the outcome points: when he started, when he ended, the
 * programme he is (or was) on and its objectives, and the follow-up months the organisation set.
 * Programme-side data only: both sides' measures hang off his dates.
 */
import { addDays } from '../../../shared/dates';
import { DEFAULT_FOLLOW_UP_MONTHS, fixedPoints, followUpMonthsOf, followUpPoint, type Point } from '../../../shared/features/outcomes';
import type { Objective } from '../../../shared/features/programmes';
import type { Db } from '../../ipc/context';

export const FOLLOW_UP_SETTING = 'outcomes.followUpMonths';

export async function followUpMonths(db: Db): Promise<number[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', FOLLOW_UP_SETTING).executeTakeFirst();
  const months = row ? (JSON.parse(row.value) as number[]) : DEFAULT_FOLLOW_UP_MONTHS;
  return [...months].sort((a, b) => a - b);
}

export async function allPoints(db: Db): Promise<Point[]> {
  return [...fixedPoints, ...(await followUpMonths(db)).map(followUpPoint)];
}

export interface Journey {
  participantId: string;
  reference: string;
  status: string;
  keyWorkerId: string | null;
  /** first day on the programme (his first change to active); null if he never started */
  startedOn: string | null;
  /** the day he completed or left; null while he has not ended */
  endedOn: string | null;
  sessionsCount: number;
  objectives: Objective[];
}

/** Calendar months after a date (the 31st becomes the last day of a shorter month). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export async function journeyOf(db: Db, participantId: string): Promise<Journey | null> {
  const p = await db.selectFrom('participants').select(['id', 'reference', 'status', 'key_worker_id']).where('id', '=', participantId).executeTakeFirst();
  if (!p) return null;
  const history = await db
    .selectFrom('status_history')
    .select(['status', 'effective_on'])
    .where('participant_id', '=', participantId)
    .where('status', 'in', ['active', 'completed', 'exited'])
    .orderBy('effective_on')
    .execute();
  const startedOn = history.find((h) => h.status === 'active')?.effective_on ?? null;
  const ended = p.status === 'completed' || p.status === 'exited' ? history.filter((h) => h.status !== 'active').at(-1) : undefined;
  const enrolment = await db
    .selectFrom('enrolments')
    .innerJoin('groups', 'groups.id', 'enrolments.group_id')
    .innerJoin('programme_types', 'programme_types.id', 'groups.programme_type_id')
    .select(['programme_types.sessions_count', 'programme_types.data'])
    .where('enrolments.participant_id', '=', participantId)
    .orderBy('enrolments.joined_on', 'desc')
    .executeTakeFirst();
  const data = enrolment ? (JSON.parse(enrolment.data) as { objectives?: Objective[] }) : {};
  return {
    participantId: p.id,
    reference: p.reference,
    status: p.status,
    keyWorkerId: p.key_worker_id,
    startedOn,
    endedOn: ended?.effective_on ?? null,
    sessionsCount: enrolment?.sessions_count ?? 26,
    objectives: data.objectives ?? [],
  };
}

/**
 * When a point falls due for him, or null when it does not apply yet. `since` is the baseline's
 * own start: the start of his programme for his measures, the day the partner service took her
 * on for hers (falling back to his start).
 */
export function dueOn(j: Journey, point: string, since: string | null): string | null {
  if (point === 'baseline') return since ?? j.startedOn;
  if (point === 'mid') return j.startedOn ? addDays(j.startedOn, Math.floor((j.sessionsCount * 7) / 2)) : null;
  if (point === 'end') return j.endedOn;
  const months = followUpMonthsOf(point);
  return months !== null && j.endedOn ? addMonths(j.endedOn, months) : null;
}

/**
 * Why a point cannot be recorded for him (with the field at fault), or null when it can. The
 * bad-input rules of issue 18: mid-programme for a man who never started, an ending or a
 * follow-up before he has ended, a follow-up dated before his ending, a follow-up the
 * organisation does not use.
 */
export function pointProblem(j: Journey, point: string, recordedOn: string, followUps: number[]): { field: string; message: string } | null {
  const uk = (d: string) => d.split('-').reverse().join('/');
  if (point === 'mid' && !j.startedOn) return { field: 'point', message: 'He never started the programme, so there is no mid-programme point for him' };
  if (point === 'mid' && recordedOn < j.startedOn!) return { field: 'recordedOn', message: `The mid-programme point cannot be before he started (${uk(j.startedOn!)})` };
  if (point === 'end' && !j.endedOn) return { field: 'point', message: 'He has not ended the programme yet, so there is no ending point for him' };
  const months = followUpMonthsOf(point);
  if (months !== null) {
    if (!followUps.includes(months)) return { field: 'point', message: `This organisation’s follow-ups are at ${followUps.join(' and ')} months after his ending` };
    if (!j.endedOn) return { field: 'point', message: 'A follow-up comes after his ending, and he has not ended the programme yet' };
    if (recordedOn < j.endedOn) return { field: 'recordedOn', message: `A follow-up cannot be dated before his ending (${uk(j.endedOn)})` };
  }
  if (point === 'end' && recordedOn < addDays(j.endedOn!, -60)) return { field: 'recordedOn', message: `The ending point is recorded around his ending (${uk(j.endedOn!)}), not long before it` };
  return null;
}
