/**
 * How long reading a 5,000-row import .xlsx holds the main thread: parsed here
 * (as before) and on the import's worker thread (as the import does now).
 * `npx tsx scripts/bench-import-read.ts`
 */
import { performance } from 'node:perf_hooks';
import writeXlsxFile from 'write-excel-file/node';
import { readSpreadsheet } from '../src/main/features/imports/read-file';
import { readSpreadsheetOffThread } from '../src/main/features/imports/read-task';
import { longestStall } from './stall';

const ROWS = 5000;

async function main() {
  const rows = [
    ['Reference', 'First name', 'Last name', 'Date of birth', 'Referred by', 'Date referral received', 'Reason for referral', 'Route'],
    ...Array.from({ length: ROWS }, (_, i) => [`P-2024-${String(i + 1).padStart(4, '0')}`, `Bench${i}`, `Person${i}`, new Date(Date.UTC(1970 + (i % 30), i % 12, 1 + (i % 28))), 'Probation', new Date(Date.UTC(2025, i % 12, 1 + (i % 28))), 'Bench referral', 'Criminal justice']),
  ];
  const bytes = (await writeXlsxFile(rows as never, { dateFormat: 'dd/mm/yyyy' }).toBuffer()) as Buffer;
  for (let round = 1; round <= 3; round++) {
    for (const [name, read] of [['main thread', readSpreadsheet], ['worker thread', readSpreadsheetOffThread]] as const) {
      const start = performance.now();
      const [stall, sheet] = await longestStall(() => read(bytes));
      console.log(`round ${round}, ${name}: ${sheet.rows.length} rows in ${Math.round(performance.now() - start)} ms, main thread held at most ${Math.round(stall)} ms`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
