/**
 * CSV for spreadsheets, the one place every export builds its cells. Safe
 * against formula injection: a text cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return, even after
 * leading spaces) gets a leading apostrophe, which Excel and LibreOffice show
 * as text. Numbers stay numbers. UTF-8 with a byte-order mark so Excel on
 * Windows reads accents and right-to-left names correctly; CRLF line ends
 * (RFC 4180).
 */
import type { CsvFile } from '../../shared/features/exports';

export type CsvValue = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

const FORMULA_START = /^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** A file name with no personal data in it: what it is, the date and the number of rows. */
export function csvFile(
  what: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
  today = new Date().toISOString().slice(0, 10),
): CsvFile {
  return { fileName: `${what}-${today}-${rows.length}-rows.csv`, csv: toCsv(header, rows), rows: rows.length };
}

/** A calendar date (YYYY-MM-DD) as the UK writes it; anything else as it is. */
export function ukDate(date: string | null | undefined): string {
  // Stryker disable next-line StringLiteral: any text without a date gives the same answer as '' (see stryker.config.mjs)
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (date ?? '');
}
