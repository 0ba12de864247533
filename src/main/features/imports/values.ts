/** Reading one cell as a UK date, a yes/no, or one of a list's choices, the ways spreadsheets write them. */
import type { Cell } from './read-file';

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Excel's day 1 is 1 January 1900, with its fictional 29 February 1900 (serial 60). */
function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial);
  const ms = Date.UTC(1899, 11, 30) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Excel's rule, which people who type d/m/yy expect: 00-29 is 2000-2029, 30-99 is 1930-1999. */
function twoDigitYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

/**
 * A date as YYYY-MM-DD, '' for an empty cell, or null when it cannot be read. UK order
 * always (day first): 03/04/2026 is 3 April.
 */
export function readDate(cell: Cell): string | null {
  if (cell === null || cell === '') return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return fromSerial(cell);
  if (typeof cell === 'boolean') return null;
  const s = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    return iso(year, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (month < 0) return null;
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    return iso(year, month + 1, Number(m[1]));
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  return null;
}

/** Yes/no; '' for empty, null when unreadable. */
export function readYesNo(cell: Cell): boolean | '' | null {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'boolean') return cell;
  const s = String(cell).trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'x'].includes(s)) return true;
  if (['no', 'n', 'false', '0'].includes(s)) return false;
  return null;
}

const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** One of a list's choices, by its stored name or its label ('' for empty, null when none matches). */
export function readChoice<T extends string>(cell: Cell, choices: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}): T | '' | null {
  if (cell === null || cell === '') return '';
  const s = fold(String(cell));
  for (const c of choices) if (fold(c) === s || fold(labels[c]) === s) return c;
  return extra[s] ?? null;
}

/** Text as the form would receive it: numbers from Excel without a trailing .0, dates as dd/mm/yyyy. */
export function readText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const d = cell.toISOString().slice(0, 10);
    return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  }
  return String(cell).trim();
}
