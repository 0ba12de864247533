/**
 * CSV cells (README "CSV exports"): the edge cases the README promises, beyond
 * tests/main/exports/csv.test.ts. A cell that starts with a lone tab or carriage
 * return (nothing after it that looks like a formula) is still defused, because a
 * spreadsheet may trim it and run what follows once a person edits the cell.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, toCsv, ukDate } from '../../../src/main/export/csv';
import { parseCsv } from '../exports/csv-parse';

describe('CSV cells: the promised edge cases', () => {
  it.each([
    ['\t', "'\t"],
    ['\tplain words', "'\tplain words"],
    ['\r', `"'\r"`],
    ['\rplain words', `"'\rplain words"`],
    ['\nplain words', `"'\nplain words"`],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    [' \u00a0 @SUM(A1)', "' \u00a0 @SUM(A1)"],
    ['\uff0b44', "'\uff0b44"],
    ['\uff0d1', "'\uff0d1"],
    ['\uff20x', "'\uff20x"],
  ])('a cell starting %j gets the apostrophe', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['a tab\tinside', 'a tab\tinside'],
    ['ends with =', 'ends with ='],
    ['x-1', 'x-1'],
    ['', ''],
  ])('a cell with %j later on is left alone', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes empty cells for nothing, and never "Infinity" or "NaN"', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('No');
  });

  it('writes lists and objects as JSON, quoted as any text with commas and quotes', () => {
    expect(csvCell(['a', 'b'])).toBe('"[""a"",""b""]"');
    expect(csvCell({ fields: ['name'] })).toBe('"{""fields"":[""name""]}"');
    expect(csvCell(['=1'])).toBe('"[""=1""]"');
  });

  it('reads back exactly what went in, a lone carriage return included', () => {
    const text = toCsv(['A', 'B'], [['\r', 'x'], ['"quoted", text', '\t']]);
    const [, first, second] = parseCsv(text);
    expect(first).toEqual(["'\r", 'x']);
    expect(second).toEqual(['"quoted", text', "'\t"]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('names the file by what it holds, the day and the rows; today by default', () => {
    const file = csvFile('tasks', ['A'], []);
    expect(file.fileName).toMatch(/^tasks-\d{4}-\d{2}-\d{2}-0-rows\.csv$/);
    expect(file.csv).toBe('\ufeffA\r\n');
    expect(file.rows).toBe(0);
  });

  it('writes dates the UK way, and anything else as it is', () => {
    expect(ukDate('2026-03-02')).toBe('02/03/2026');
    expect(ukDate('2026-03-02T10:00:00.000Z')).toBe('02/03/2026');
    expect(ukDate('not a date')).toBe('not a date');
    expect(ukDate('due 2026-03-02')).toBe('due 2026-03-02');
    expect(ukDate('')).toBe('');
    expect(ukDate(null)).toBe('');
    expect(ukDate(undefined)).toBe('');
  });
});
