/** How groups, sessions and schedules are put into words: no React, so the rules can be tested. */
import { addDays } from '../../../shared/dates';
import { CAPACITY_HIGH, CAPACITY_LOW, weekdayLabels, type Group, type GroupStatus, type Session, type SessionStatus } from '../../../shared/features/groups';
import type { Closure } from '../../../shared/features/programmes';

export const groupStatusLabels: Record<GroupStatus, string> = { planned: 'Not started yet', running: 'Running', finished: 'Finished' };
export const groupStatusColours: Record<GroupStatus, string> = { planned: 'blue', running: 'green', finished: 'gray' };

export const intakeLabels: Record<Group['intake'], string> = { closed: 'Closed intake', rolling: 'Rolling intake' };
export const intakeHelp: Record<Group['intake'], string> = {
  closed: 'Everyone starts together at session 1.',
  rolling: 'Men can join later, at the start of the next theme.',
};

export const sessionStatusLabels: Record<SessionStatus, string> = { scheduled: 'Planned', held: 'Held', cancelled: 'Cancelled' };
export const sessionStatusColours: Record<SessionStatus, string> = { scheduled: 'blue', held: 'green', cancelled: 'gray' };
export const planStatusLabels: Record<Session['planStatus'], string> = { none: 'No plan', draft: 'Plan in draft', ready: 'Plan ready' };
export const planStatusColours: Record<Session['planStatus'], string> = { none: 'orange', draft: 'yellow', ready: 'teal' };

/** 1 = Monday ... 7 = Sunday */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "Tuesdays at 18:30" */
export function dayTimeText(weekday: number, startTime: string): string {
  return `${weekdayLabels[weekday] ?? 'Day'}s at ${startTime}`;
}

/** 150 → "2 h 30 min"; 120 → "2 hours"; 45 → "45 min" */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (m === 0) return h === 1 ? '1 hour' : `${h} hours`;
  return `${h} h ${m} min`;
}

/** "18:30" + 150 minutes → "21:00" (within the day; a session never runs past midnight in practice). */
export function endTime(startTime: string, minutes: number): string {
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "1 man", "3 men" */
export function menText(n: number): string {
  return `${n} ${n === 1 ? 'man' : 'men'}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A note when the capacity is outside the usual 8 to 12, or null. */
export function capacityNote(capacity: number | string | null | undefined): string | null {
  const n = typeof capacity === 'number' ? capacity : Number(capacity);
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < CAPACITY_LOW) return `Groups usually have at least ${CAPACITY_LOW} places. You can still save this.`;
  if (n > CAPACITY_HIGH) return `Groups usually have at most ${CAPACITY_HIGH} places. You can still save this.`;
  return null;
}

export interface SchedulePreview {
  dates: string[];
  skipped: Closure[];
}

/**
 * The weekly dates a new group will meet on, skipping closure dates: the same
 * rule the back end uses when it saves the group (the first date is the first
 * chosen weekday on or after the start date).
 */
export function schedulePreview(startDate: string, weekday: number, count: number, closures: readonly Closure[]): SchedulePreview {
  const dates: string[] = [];
  const skipped: Closure[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !(weekday >= 1 && weekday <= 7) || !(count > 0)) return { dates, skipped };
  const byDate = new Map(closures.map((c) => [c.date, c]));
  let date = addDays(startDate, (weekday - isoWeekday(startDate) + 7) % 7);
  for (let guard = 0; dates.length < count && guard < count + 520; guard++) {
    const closure = byDate.get(date);
    if (closure) skipped.push(closure);
    else dates.push(date);
    date = addDays(date, 7);
  }
  return { dates, skipped };
}

/** The session a group is at: the first one not yet held or cancelled (today's, or the next). */
export function nextSession<S extends Pick<Session, 'date' | 'status' | 'catchUpForSessionId'>>(sessions: readonly S[], today: string): S | null {
  return sessions.find((s) => !s.catchUpForSessionId && s.status === 'scheduled' && s.date >= today) ?? null;
}

/** A past session with no register: the facilitators still need to take it. */
export function registerOverdue(session: Pick<Session, 'date' | 'status' | 'registerTaken'>, today: string): boolean {
  return session.status !== 'cancelled' && !session.registerTaken && session.date <= today;
}

/** Where a session's page is. */
export function sessionPath(session: Pick<Session, 'groupId' | 'id'>, tab?: 'register' | 'plan'): string {
  return `/groups/${session.groupId}/sessions/${session.id}${tab ? `/${tab}` : ''}`;
}

/** "Session 7 of 26" or "Catch-up for session 3" */
export function sessionTitle(session: Pick<Session, 'number' | 'catchUpForSessionId'>, total?: number): string {
  if (session.catchUpForSessionId) return `Catch-up for session ${session.number}`;
  return total ? `Session ${session.number} of ${total}` : `Session ${session.number}`;
}
