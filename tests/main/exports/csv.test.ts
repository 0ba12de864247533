import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, toCsv } from '../../../src/main/export/csv';
import { parseCsv } from './csv-parse';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', "'  =1+1"],
    ['\uff1d1+1', "'\uff1d1+1"],
  ])('neutralises %j so a spreadsheet shows it as text', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves numbers as numbers, even negative ones, and ordinary text alone', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell('P-2026-0042')).toBe('P-2026-0042');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('Yes');
  });

  it('quotes commas, quotes and new lines, and keeps accents and right-to-left text exactly', () => {
    const values = [
      'Smith, John',
      'He said "no"',
      'line one\nline two',
      'Zoë Ñúñez-Ó’Brien',
      'محمد الأحمد',
      'עברית, שלום',
      "=cmd|' /C calc'!A0",
    ];
    const text = toCsv(['A', 'B', 'C', 'D', 'E', 'F', 'G'], [values]);
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, row] = parseCsv(text);
    expect(header).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(row!.slice(0, 6)).toEqual(values.slice(0, 6));
    expect(row![6]).toBe(`'${values[6]}`);
    // header, one row, and the final line end (the new line inside a cell is quoted, not a row end)
    expect(text.split('\r\n').length).toBe(3);
  });

  it('names the file without personal data', () => {
    const file = csvFile('waiting-list', ['Name'], [['Zoë'], ['Ali']], '2026-11-22');
    expect(file).toMatchObject({ fileName: 'waiting-list-2026-11-22-2-rows.csv', rows: 2 });
  });
});
