/**
 * A spreadsheet's bytes to a header row and data rows of text, Dates and numbers.
 * .xlsx through read-excel-file (formulas: the value Excel last saved, never evaluated),
 * CSV through papaparse. What is not a spreadsheet is named and refused before parsing.
 */
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../../shared/features/imports';
import { AppError } from '../../app-error';

export type Cell = string | number | boolean | Date | null;
export interface SheetRows {
  headers: string[];
  rows: Cell[][];
}

/** An .xlsx holds a few MB of XML; more than this unpacked is a zip bomb, not a caseload. */
const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
const MAX_RATIO = 200;

const refuse = (message: string) => new AppError('VALIDATION', message, { fields: { file: message } });

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Names what the bytes are when they are plainly not a spreadsheet. */
function notASpreadsheet(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return 'This workbook is password-protected, or is an old Excel 97-2003 (.xls) file. Remove the password (or save it as .xlsx) in Excel and try again.';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'This is a picture (PNG), not a spreadsheet. Choose an .xlsx or .csv file.';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'This is a picture (JPEG), not a spreadsheet. Choose an .xlsx or .csv file.';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'This is a picture (GIF), not a spreadsheet. Choose an .xlsx or .csv file.';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'This is a PDF, not a spreadsheet. Choose an .xlsx or .csv file.';
  return null;
}

/** Checks the sizes the zip declares, without unpacking anything. */
function checkZip(bytes: Uint8Array): void {
  let total = 0;
  let isXlsx = false;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (file.name === 'xl/workbook.xml') isXlsx = true;
        return false;
      },
    });
  } catch {
    throw refuse('This file looks like a zip but cannot be opened. It may be damaged: save it again from Excel as .xlsx.');
  }
  if (total > MAX_UNPACKED_BYTES || total > bytes.length * MAX_RATIO + 10 * 1024 * 1024) {
    throw refuse('This file would unpack to far more than any spreadsheet (it may be a "zip bomb"). It has not been opened.');
  }
  if (!isXlsx) throw refuse('This is a zip file but not an Excel workbook. Choose an .xlsx or .csv file.');
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw refuse('This file is not a spreadsheet (it holds binary data). Choose an .xlsx or .csv file.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Older Excel on Windows saves CSV in Windows-1252.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

function headerRow(raw: Cell[] | undefined): string[] {
  return (raw ?? []).map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
}

function finish(all: Cell[][]): SheetRows {
  const nonEmpty = (r: Cell[]) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== '');
  const firstIndex = all.findIndex(nonEmpty);
  if (firstIndex < 0) throw refuse('The sheet is empty. Put the column names in the first row and one record on each row below.');
  if (firstIndex > 0) throw refuse('The first row is empty. Put the column names in the first row.');
  const headers = headerRow(all[0]);
  // Trailing empty rows are ignored; an empty row in the middle is kept so the row numbers match the sheet.
  let last = all.length - 1;
  while (last > 0 && !nonEmpty(all[last]!)) last--;
  const rows = all.slice(1, last + 1);
  if (rows.length === 0) throw refuse('The sheet has column names but no rows below them.');
  if (rows.length > MAX_IMPORT_ROWS) throw refuse(`The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it into smaller files.`);
  const blank = headers.findIndex((h, i) => !h && rows.some((r) => r[i] !== null && r[i] !== undefined && String(r[i]).trim() !== ''));
  if (blank >= 0) {
    throw refuse(
      `Column ${columnLetter(blank)} has values but no name in the first row (merged header cells?). Unmerge the header cells and give every column its own name.`,
    );
  }
  const seen = new Set<string>();
  for (const h of headers) {
    if (!h) continue;
    if (seen.has(h)) throw refuse(`Two columns are both called "${h.slice(0, 60)}". Give every column its own name.`);
    seen.add(h);
  }
  return { headers, rows };
}

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function readSpreadsheet(bytes: Buffer): Promise<SheetRows> {
  if (bytes.length === 0) throw refuse('The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES) throw refuse('The file is larger than 20 MB. Split it into smaller files.');
  const named = notASpreadsheet(bytes);
  if (named) throw refuse(named);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    checkZip(bytes);
    let data: Cell[][];
    try {
      data = (await readSheet(bytes)) as Cell[][];
    } catch {
      throw refuse('This Excel file cannot be read. Open it in Excel, save it again as .xlsx, and try again.');
    }
    return finish(data);
  }
  const text = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw refuse(`Row ${(fatal.row ?? 0) + 1} has a quote mark that is never closed. Check that row in the file.`);
  const rows = parsed.data.map((r) => r.map((c) => (c.trim() === '' ? null : c.trim())));
  return finish(rows);
}
