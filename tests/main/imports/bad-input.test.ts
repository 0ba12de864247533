/**
 * Every kind of bad file gets a clear message and leaves the database exactly as it was
 * (table digests equal, apart from the audit log, which records the refusal).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { kindRules } from '../../../src/main/features/imports/kinds';
import { differingTables, tableDigests } from '../../../src/main/db/table-digests';
import { call, callError } from '../helpers';
import { worldForFile } from '../participants/fixtures';
import { b64, sample } from './fixtures';

const w = worldForFile('manager');

const AUDIT = new Set(['audit_log', 'audit_anchor']);
const digests = async () => Object.fromEntries(Object.entries(await tableDigests(w.backend.requireDb())).filter(([name]) => !AUDIT.has(name) && !name.startsWith('audit')));

/** Both routes refuse with the message, and nothing changes. */
async function refused(base64: string, message: RegExp) {
  const before = await digests();
  const check = await callError(w.backend, 'imports.check', { kind: 'participants', base64 });
  expect(check.message).toMatch(message);
  const run = await callError(w.backend, 'imports.run', { kind: 'participants', base64 });
  expect(run.message).toMatch(message);
  expect(differingTables(before, await digests())).toEqual([]);
}

const HEADER = ['First name', 'Last name', 'Date of birth', 'Referred by', 'Date referral received', 'Reason for referral', 'Route'];
const man = (i: number) => [`Man${i}`, `Surname${i}`, '01/02/1980', 'Probation', '01/03/2026', 'Referred by probation', 'Criminal justice'];

async function xlsx(rows: unknown[][]) {
  return (await writeXlsxFile(rows as never, { dateFormat: 'dd/mm/yyyy' }).toBuffer()) as Buffer;
}

describe('files that are not spreadsheets', () => {
  it('a picture renamed .xlsx', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await refused(b64(png), /picture \(PNG\)/);
  });

  it('a password-protected workbook (an OLE file, not a zip)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 1)]);
    await refused(b64(ole), /password-protected/);
  });

  it('a zip bomb: refused from the sizes it declares, never unpacked', async () => {
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8('<x/>') });
    // Declare 4 GB unpacked for each entry in the central directory, as a bomb would.
    const view = Buffer.from(zip);
    for (let i = 0; i < view.length - 4; i++) {
      if (view.readUInt32LE(i) === 0x02014b50) view.writeUInt32LE(0xfffffff0, i + 24);
    }
    await refused(b64(view), /zip bomb/);
  });

  it('a 200 MB file is refused before it is read', async () => {
    const error = await callError(w.backend, 'imports.check', { kind: 'participants', base64: 'A'.repeat(Math.ceil((200 * 1024 * 1024 * 4) / 3)) });
    expect(error.message).toMatch(/larger than 20 MB/);
  });

  it('binary junk and an empty file', async () => {
    await refused(b64(Buffer.from([1, 0, 2, 0, 3])), /not a spreadsheet/);
    await refused(b64(Buffer.from('\uFEFF')), /empty/);
  });
});

describe('spreadsheets with something wrong', () => {
  it('an empty sheet', async () => {
    await refused(b64(await xlsx([[null]])), /sheet is empty/);
  });

  it('headers but no rows', async () => {
    await refused(b64(await xlsx([HEADER])), /no rows/);
  });

  it('merged header cells', async () => {
    const rows = [[{ value: 'Name', columnSpan: 2 }, null, ...HEADER.slice(2)], man(1)];
    await refused(b64(await xlsx(rows)), /Column B has values but no name.*merged/);
  });

  it('formulas: the value Excel saved is read, the formula is never evaluated or kept', async () => {
    const book = unzipSync(await xlsx([HEADER, man(1)]));
    const sheet = strFromU8(book['xl/worksheets/sheet1.xml']!);
    // Replace the first name in A2 with a formula whose cached value is "Formula".
    const patched = sheet.replace(/<c r="A2"[^>]*>.*?<\/c>/, '<c r="A2" t="str"><f>HYPERLINK("http://example.invalid","x")&amp;"Formula"</f><v>Formula</v></c>');
    expect(patched).not.toBe(sheet);
    book['xl/worksheets/sheet1.xml'] = strToU8(patched);
    const base64 = b64(zipSync(book));
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64 });
    expect(check.problems).toEqual([]);
    expect(check.preview[0]!['First name']).toBe('Formula');
  });

  it('a date it cannot read, a missing field, an unknown choice and worker: row, column and what to do', async () => {
    const rows = [[...HEADER, 'Key worker'], ['Ann', 'Other', '31/02/1980', 'The moon', '01/03/2026', '', 'Criminal justice', 'Nobody Known']];
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64: b64(await xlsx(rows)) });
    expect(check.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'Date of birth', message: expect.stringMatching(/dd\/mm\/yyyy/) }),
        expect.objectContaining({ row: 2, column: 'Referred by', message: expect.stringMatching(/Use one of/) }),
        expect.objectContaining({ row: 2, column: 'Reason for referral' }),
        expect.objectContaining({ row: 2, column: 'Key worker', message: expect.stringMatching(/member of staff/) }),
      ]),
    );
    const missing = await call(w.backend, 'imports.check', { kind: 'participants', base64: b64(await xlsx([HEADER.slice(1), man(1).slice(1)])) });
    expect(missing.problems[0]).toMatchObject({ row: 0, message: expect.stringMatching(/No column is chosen for “First name”/) });
  });

  it('the same man twice in one file', async () => {
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64: b64(await xlsx([HEADER, man(1), man(2), man(1)])) });
    expect(check.problems).toEqual([expect.objectContaining({ row: 4, message: expect.stringMatching(/as row 2/) })]);
  });
});

describe('all or nothing', () => {
  it('10,000 rows with one bad row at the end: the problem is found, nothing is imported', async () => {
    const rows = [HEADER, ...Array.from({ length: 9999 }, (_, i) => man(i)), ['Last', 'Man', 'not a date', 'Probation', '01/03/2026', 'x', 'Criminal justice']];
    const base64 = b64(await xlsx(rows));
    const before = await digests();
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64 });
    expect(check.rows).toBe(10_000);
    expect(check.problems).toEqual([expect.objectContaining({ row: 10_001, column: 'Date of birth' })]);
    expect((await callError(w.backend, 'imports.run', { kind: 'participants', base64 })).message).toMatch(/Nothing was imported/);
    expect(differingTables(before, await digests())).toEqual([]);
    // 10,000 rows checked twice: room for a busy shared machine.
  }, 120_000);

  it('a failure while saving the last row rolls back every row before it', async () => {
    const count = 300;
    const base64 = b64(await xlsx([HEADER, ...Array.from({ length: count }, (_, i) => man(i))]));
    const before = await digests();
    // Rows are saved a chunk at a time: the earlier chunks go in, then the last one fails.
    const saveMany = kindRules.participants.saveMany!;
    let saved = 0;
    const spy = vi.spyOn(kindRules.participants, 'saveMany').mockImplementation(async (ctx, rows) => {
      if (saved + rows.length === count) throw new Error('disk trouble at the last row');
      await saveMany(ctx, rows);
      saved += rows.length;
    });
    try {
      const error = await callError(w.backend, 'imports.run', { kind: 'participants', base64 });
      expect(error.code).toBe('INTERNAL');
      expect(saved).toBeGreaterThan(0);
      expect(saved).toBeLessThan(count);
    } finally {
      spy.mockRestore();
    }
    expect(differingTables(before, await digests())).toEqual([]);
    expect((await call(w.backend, 'participants.list', {})).total).toBe(0);
  });
});

describe('encodings and separators', () => {
  it('reads the Windows-1252, semicolon CSV sample and a UTF-8 CSV with a BOM alike', async () => {
    const fromCp1252 = await call(w.backend, 'imports.check', { kind: 'participants', base64: sample('participants.csv') });
    const text = new TextDecoder('windows-1252').decode(Buffer.from(sample('participants.csv'), 'base64'));
    const commas = Papa.unparse(Papa.parse<string[]>(text, { delimiter: ';' }).data);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(commas, 'utf8')]);
    const fromUtf8 = await call(w.backend, 'imports.check', { kind: 'participants', base64: b64(utf8) });
    expect(fromCp1252.problems).toEqual([]);
    expect(fromUtf8.preview).toEqual(fromCp1252.preview);
    expect(fromCp1252.preview.map((r) => r['Last name'])).toContain('Lefèvre');
  });
});
