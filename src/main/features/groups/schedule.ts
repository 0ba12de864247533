/**
 * Session dates. Dates are calendar dates and times are local clock times
 * (HH:MM), so a clock change never moves a session; closures are skipped and
 * the session moves on a week.
 */
import { addDays } from '../../../shared/dates';

/** 1 = Monday ... 7 = Sunday */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function firstOnWeekday(startDate: string, weekday: number): string {
  return addDays(startDate, (weekday - isoWeekday(startDate) + 7) % 7);
}

export function scheduleDates(startDate: string, weekday: number, count: number, closures: Set<string>): { dates: string[]; skipped: string[] } {
  const dates: string[] = [];
  const skipped: string[] = [];
  let date = firstOnWeekday(startDate, weekday);
  // A closure pushes the session a week later; give up after many years of closures (a mistake in the list).
  for (let guard = 0; dates.length < count && guard < count + 520; guard++) {
    if (closures.has(date)) skipped.push(date);
    else dates.push(date);
    date = addDays(date, 7);
  }
  return { dates, skipped };
}

/** The curriculum expanded to one theme per session, in order, going round again if the programme is longer. */
export function themeForEachSession(themes: Array<{ id: string; sessionsCount: number }>, count: number): Array<string | null> {
  const sequence = themes.flatMap((t) => Array.from({ length: t.sessionsCount }, () => t.id));
  return Array.from({ length: count }, (_, i) => (sequence.length ? sequence[i % sequence.length]! : null));
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function overlaps(a: { date: string; startTime: string; minutes: number }, b: { date: string; startTime: string; minutes: number }): boolean {
  if (a.date !== b.date) return false;
  const a0 = minutesOf(a.startTime);
  const b0 = minutesOf(b.startTime);
  return a0 < b0 + b.minutes && b0 < a0 + a.minutes;
}
