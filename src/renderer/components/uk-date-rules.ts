/** What is wrong with a typed date, in words a volunteer understands; and how far apart two dates are. */
import dayjs from 'dayjs';
import { formatDate, parseUkDate } from '../app/format';

/** A Date or YYYY-MM-DD as YYYY-MM-DD (a Date by the computer's calendar day), or null. */
export function toIsoDay(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  if (typeof d === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
  return dayjs(d).format('YYYY-MM-DD');
}

const today = () => dayjs().format('YYYY-MM-DD');

/** Null when the text is empty or a date in range; otherwise the message to show under the field. */
export function dateProblem(text: string, range: { min: string | null; max: string | null }): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const iso = parseUkDate(trimmed);
  if (!iso) {
    // Shaped like a date but not one (31/02/2027, 13/13/2026): say so, rather than "wrong format".
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(trimmed)) return `There is no ${trimmed}: check the day and the month`;
    return 'Enter the date as dd/mm/yyyy, for example 05/03/2026';
  }
  if (range.max && iso > range.max) {
    return range.max === today()
      ? `${formatDate(iso)} is in the future: enter today's date or an earlier one`
      : `${formatDate(iso)} is too late: enter ${formatDate(range.max)} or earlier`;
  }
  if (range.min && iso < range.min) {
    return range.min === today()
      ? `${formatDate(iso)} is in the past: enter today's date or a later one`
      : `${formatDate(iso)} is too early: enter ${formatDate(range.min)} or later`;
  }
  return null;
}

/**
 * A warning when a date sits far from another on the same form (a hearing date
 * years before the referral was received): probably a typing slip, but it may be right.
 */
export function farFromWarning(value: string, other: string, otherName: string, years = 1): string | null {
  const a = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : null;
  const b = /^\d{4}-\d{2}-\d{2}$/.test(other) ? dayjs(other) : null;
  if (!a || !b) return null;
  if (a.isBefore(b.subtract(years, 'year'))) return `This is more than ${years === 1 ? 'a year' : `${years} years`} before ${otherName} (${formatDate(other)}). Please check it.`;
  if (a.isAfter(b.add(years * 2, 'year'))) return `This is more than ${years * 2} years after ${otherName} (${formatDate(other)}). Please check it.`;
  return null;
}
