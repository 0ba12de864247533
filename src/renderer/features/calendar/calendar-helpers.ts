/** Weeks (Monday first) and months as lists of YYYY-MM-DD dates, for the calendar. No React, no time zones. */
import { addDays } from '../../../shared/dates';
import { isoWeekday } from '../groups/group-labels';

export type CalendarView = 'week' | 'month';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function isIsoDate(value: string | null | undefined): value is string {
  return Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));
}

export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function weekDays(date: string): string[] {
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** The month as whole weeks, Monday to Sunday: 4 to 6 rows of 7 dates (some from the months either side). */
export function monthGrid(date: string): string[][] {
  const first = weekStart(monthStart(date));
  const last = monthEnd(date);
  const weeks: string[][] = [];
  for (let start = first; start <= last; start = addDays(start, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  return weeks;
}

/** The dates to ask the back end for (at most three months per call; a month grid is at most 42 days). */
export function rangeFor(view: CalendarView, date: string): { from: string; to: string } {
  if (view === 'week') {
    const days = weekDays(date);
    return { from: days[0]!, to: days[6]! };
  }
  const grid = monthGrid(date);
  return { from: grid[0]![0]!, to: grid.at(-1)![6]! };
}

/** The date a step back or forward shows. */
export function shift(view: CalendarView, date: string, step: -1 | 1): string {
  if (view === 'week') return addDays(weekStart(date), 7 * step);
  const [y, m] = date.split('-').map(Number) as [number, number];
  const month = m - 1 + step;
  const year = y + Math.floor(month / 12);
  return `${year}-${String(((month % 12) + 12) % 12 + 1).padStart(2, '0')}-01`;
}

/** "1 December 2026" */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Tuesday 1 December 2026" */
export function dayLongDate(date: string): string {
  return `${DAYS[isoWeekday(date) - 1]} ${longDate(date)}`;
}

/** "Tue 01/12/2026" */
export function dayShortDate(date: string): string {
  return `${DAYS[isoWeekday(date) - 1]!.slice(0, 3)} ${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function dayName(date: string): string {
  return DAYS[isoWeekday(date) - 1]!;
}

/** The heading over the calendar: "Week of Monday 30 November 2026" or "December 2026". */
export function rangeTitle(view: CalendarView, date: string): string {
  if (view === 'week') return `Week of Monday ${longDate(weekStart(date))}`;
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}
