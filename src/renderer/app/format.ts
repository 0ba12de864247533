/**
 * Dates and times as people in the UK read them: dd/mm/yyyy and 24-hour
 * clock, in Europe/London whatever the computer's own time zone.
 * The back end stores ISO 8601 UTC timestamps and YYYY-MM-DD calendar dates.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export const UK_ZONE = 'Europe/London';
export const UK_DATE = 'DD/MM/YYYY';

/** 2026-03-01T14:05:00Z → 01/03/2026 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs.utc(iso);
  return d.isValid() ? d.tz(UK_ZONE).format('DD/MM/YYYY HH:mm') : '';
}

/** With seconds, for the audit log where the order of events matters. */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs.utc(iso);
  return d.isValid() ? d.tz(UK_ZONE).format('DD/MM/YYYY HH:mm:ss') : '';
}

/** A timestamp's UK calendar day, or a YYYY-MM-DD date as it is: → 01/03/2026 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = dayjs(value, 'YYYY-MM-DD', true);
    return d.isValid() ? d.format(UK_DATE) : '';
  }
  const d = dayjs.utc(value);
  return d.isValid() ? d.tz(UK_ZONE).format(UK_DATE) : '';
}

/** Today's date in the UK, as dd/mm/yyyy. */
export function todayUk(now: Date = new Date()): string {
  return dayjs(now).tz(UK_ZONE).format(UK_DATE);
}

/** Reads dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) typed by a person → YYYY-MM-DD, or null. */
export function parseUkDate(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const d = dayjs(trimmed, ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'D.M.YYYY', 'YYYY-MM-DD'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}
