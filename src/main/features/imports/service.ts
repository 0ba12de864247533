/**
 * Checking and importing a spreadsheet. The check reads every row through its kind's
 * rules and lists every problem; the import checks again and saves every row inside the
 * router's one transaction, so one failing row leaves the database as it was.
 */
import { nowIso, todayOf } from '../../clock';
import { createHash } from 'node:crypto';
import writeXlsxFile from 'write-excel-file/node';
import {
  importFields,
  proposeMapping,
  type ImportCheck,
  type ImportKind,
  type ImportMapping,
  type ImportProblem,
  type ImportProgress,
  type ImportResult,
  type PossibleMatch,
} from '../../../shared/features/imports';
import type { RouteParsed } from '../../../shared/api';
import { AppError } from '../../app-error';
import { refreshTasksFor } from '../tasks/service';
import type { Db, ServiceContext } from '../../ipc/context';
import { kindRules, type RowCells } from './kinds';
import type { Cell } from './read-file';
import { readSpreadsheetOffThread } from './read-task';

const PROBLEMS_SHOWN = 500;
const PREVIEW_ROWS = 10;
/** rows between yields to the event loop, so the window's other calls (progress) are answered */
const YIELD_EVERY = 100;
/** rows saved together by kinds that can save many at once */
const SAVE_CHUNK = 250;

let progress: ImportProgress = { phase: 'idle', done: 0, total: 0 };
export const currentProgress = (): ImportProgress => ({ ...progress });
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const mappingKey = (kind: ImportKind) => `importMapping.${kind}`;

async function savedMapping(db: Db, kind: ImportKind): Promise<ImportMapping | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', mappingKey(kind)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as ImportMapping) : null;
}

export async function saveMapping(ctx: ServiceContext, input: RouteParsed<'imports.saveMapping'>): Promise<null> {
  const value = JSON.stringify(input.mapping);
  const at = nowIso(ctx);
  await ctx.db
    .insertInto('settings')
    .values({ key: mappingKey(input.kind), value, updated_at: at, updated_by: ctx.user.staffId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: ctx.user.staffId }))
    .execute();
  ctx.audit({ action: 'imports.saveMapping', subjectType: 'settings', detail: { kind: input.kind, fields: Object.keys(input.mapping) } });
  return null;
}

interface Checked {
  check: ImportCheck;
  rows: Array<{ rowNumber: number; cells: RowCells; input: unknown }>;
}

async function checkFile(ctx: ServiceContext, input: RouteParsed<'imports.check'>): Promise<Checked> {
  const rules = kindRules[input.kind];
  const refused = rules.allowed(ctx);
  if (refused) throw new AppError('FORBIDDEN', refused);
  progress = { phase: 'reading', done: 0, total: 0 };
  const bytes = Buffer.from(input.base64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Read on a worker thread: the window's other calls (progress) are answered meanwhile.
  const sheet = await readSpreadsheetOffThread(bytes);
  const headers = sheet.headers.filter(Boolean);
  const mapping = input.mapping
    ? Object.fromEntries(importFields[input.kind].map((field) => [field.key, input.mapping![field.key] && headers.includes(input.mapping![field.key]!) ? input.mapping![field.key]! : null]))
    : proposeMapping(input.kind, headers, input.previous ?? (await savedMapping(ctx.db, input.kind)));
  const fields = importFields[input.kind];
  const labelOf = new Map(fields.map((field) => [field.key, field.label]));
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const add = (p: ImportProblem) => {
    problemCount++;
    if (problems.length < PROBLEMS_SHOWN) problems.push(p);
  };
  const matches: PossibleMatch[] = [];
  const base = { kind: input.kind, sha256, headers, mapping, rows: sheet.rows.length, preview: [] as Array<Record<string, string>>, matches };
  for (const field of fields) {
    if (field.required && !mapping[field.key]) add({ row: 0, column: '', message: `No column is chosen for “${field.label}”. Choose it under Columns, or add that column to the file.` });
  }
  if (problemCount > 0) return { check: { ...base, problems, problemCount }, rows: [] };

  const index = new Map(sheet.headers.map((h, i) => [h, i]));
  const lookups = await rules.load(ctx);
  const rows: Checked['rows'] = [];
  progress = { phase: 'checking', done: 0, total: sheet.rows.length };
  for (let i = 0; i < sheet.rows.length; i++) {
    const rowNumber = i + 2;
    const raw = sheet.rows[i]!;
    const cells: RowCells = {};
    for (const field of fields) {
      const header = mapping[field.key];
      if (header) cells[field.key] = (raw[index.get(header)!] ?? null) as Cell;
    }
    if (Object.values(cells).every((c) => c === null || c === '')) {
      add({ row: rowNumber, column: '', message: 'This row is empty. Delete it, or fill it in.' });
      continue;
    }
    const result = rules.checkRow(cells, lookups, rowNumber);
    for (const p of result.problems) {
      add({ row: rowNumber, column: mapping[p.field] ?? labelOf.get(p.field) ?? p.field, message: p.message.replace(/\.?$/, '.') });
    }
    if (base.preview.length < PREVIEW_ROWS) {
      base.preview.push(Object.fromEntries(Object.entries(result.shown).map(([k, v]) => [labelOf.get(k) ?? k, v])));
    }
    if (result.possibleMatch) {
      // Never merged by the program: the manager says whether he is the same man (the row is left out) or another.
      const choice = input.sameAs?.[String(rowNumber)] ?? null;
      matches.push({ row: rowNumber, ...result.possibleMatch, choice });
      if (!choice) {
        add({
          row: rowNumber,
          column: mapping.lastName ?? '',
          message: `Possible match with ${result.possibleMatch.matchWith} (${result.possibleMatch.why}). Say under “Possible matches” whether ${input.kind === 'partners' ? 'this is the same person' : 'he is the same man'}.`,
        });
      }
      if (choice === 'same') continue;
    }
    rows.push({ rowNumber, cells, input: result.input });
    if (i % YIELD_EVERY === 0) {
      progress = { phase: 'checking', done: i, total: sheet.rows.length };
      await yieldToEventLoop();
    }
  }
  progress = { phase: 'idle', done: sheet.rows.length, total: sheet.rows.length };
  return { check: { ...base, problems, problemCount }, rows };
}

export async function checkImport(ctx: ServiceContext, input: RouteParsed<'imports.check'>): Promise<ImportCheck> {
  try {
    return (await checkFile(ctx, input)).check;
  } finally {
    progress = { phase: 'idle', done: 0, total: 0 };
  }
}

/** Runs inside the router's transaction: any failure throws, and the router rolls everything back. */
export async function runImport(ctx: ServiceContext, input: RouteParsed<'imports.run'>): Promise<ImportResult> {
  try {
    const { check, rows } = await checkFile(ctx, input);
    if (check.problemCount > 0) {
      throw new AppError(
        'VALIDATION',
        `${check.problemCount} problem${check.problemCount === 1 ? '' : 's'} found. Nothing was imported: check the file again and fix every problem first.`,
      );
    }
    progress = { phase: 'importing', done: 0, total: rows.length };
    const rules = kindRules[input.kind];
    const saved: unknown[] = [];
    if (rules.saveMany) {
      // A chunk at a time: a few multi-row statements per table instead of several round trips per row.
      for (let i = 0; i < rows.length; i += SAVE_CHUNK) {
        const chunk = rows.slice(i, i + SAVE_CHUNK);
        try {
          await rules.saveMany(ctx, chunk);
        } catch (err) {
          if (err instanceof AppError) {
            throw new AppError(err.code, `Rows ${chunk[0]!.rowNumber} to ${chunk.at(-1)!.rowNumber}: ${err.message} Nothing was imported.`);
          }
          throw err;
        }
        progress = { phase: 'importing', done: i + chunk.length, total: rows.length };
        await yieldToEventLoop();
      }
    }
    for (let i = 0; !rules.saveMany && i < rows.length; i++) {
      const row = rows[i]!;
      try {
        saved.push(await rules.save(ctx, row.input, row.cells));
      } catch (err) {
        if (err instanceof AppError) {
          throw new AppError(err.code, `Row ${row.rowNumber}: ${err.message} Nothing was imported.`);
        }
        throw err;
      }
      if (i % YIELD_EVERY === 0) {
        progress = { phase: 'importing', done: i, total: rows.length };
        await yieldToEventLoop();
      }
    }
    // Tasks as if each record had been typed in: the same rules, run once for everyone.
    if (rules.raisesTasks) await refreshTasksFor(ctx.db, undefined, todayOf(ctx), nowIso(ctx));
    const extra = rules.finish ? await rules.finish(ctx, saved) : {};
    ctx.audit({
      action: 'imports.run',
      subjectType: 'import',
      detail: { kind: input.kind, rows: check.rows, created: rows.length, skipped: check.rows - rows.length, sha256: check.sha256, fields: Object.keys(check.mapping).filter((k) => check.mapping[k]) },
    });
    return { kind: input.kind, rows: check.rows, created: rows.length, skipped: check.rows - rows.length, sha256: check.sha256, ...extra };
  } finally {
    progress = { phase: 'idle', done: 0, total: 0 };
  }
}

/** An .xlsx with the kind's columns and one example row, for people to fill in. */
export async function template(kind: ImportKind): Promise<{ fileName: string; base64: string }> {
  const fields = importFields[kind];
  const buffer = await writeXlsxFile([fields.map((field) => field.label), fields.map((field) => field.example)], {
    columns: fields.map(() => ({ width: 24 })),
  }).toBuffer();
  return { fileName: `import-${kind}-template.xlsx`, base64: buffer.toString('base64') };
}
