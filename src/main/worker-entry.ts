/**
 * Where a worker thread's code is. The bundled program builds each worker as
 * its own file beside main.cjs (forge.config.ts builds every entry of
 * `workerBundles`); development, the tests and the browser host run the
 * TypeScript sources, through a small bootstrap (worker-dev.cjs) that
 * registers tsx inside the worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every worker thread of the main process: its bundle's base name and its
 * source, from the repository's root. One list, read by forge.config.ts (what
 * is built), the bundle test (what is checked) and `workerEntry` (what runs).
 */
export const workerBundles = [
  // A backup's or a restore's copy and checks, with their own connection.
  { name: 'copy-worker', source: 'src/main/features/backups/copy-worker.ts' },
  // The thread a Windows (bs3mc) database connection lives on.
  { name: 'bs3mc-thread', source: 'src/main/db/drivers/bs3mc-thread.ts' },
  // A subject access pack's Word document, JSON and zip: seconds of pure JavaScript for a long record.
  { name: 'pack-worker', source: 'src/main/features/subject-access/pack-worker.ts' },
  // An import's .xlsx or CSV unpacked and parsed: close to a second for 5,000 rows.
  { name: 'import-read-worker', source: 'src/main/features/imports/read-worker.ts' },
  // A report laid out to count its pages at sign-off ("Page 3 of 5"): most of a second for a court report.
  { name: 'page-count-worker', source: 'src/main/features/reports/page-count-worker.ts' },
] as const;

export type WorkerName = (typeof workerBundles)[number]['name'];

/** The file to start for a worker, and (in development) the TypeScript source it loads. */
export function workerEntry(name: WorkerName): { file: string; entry: string } {
  for (const built of [join(__dirname, `${name}.cjs`), join(__dirname, `${name}.js`)]) {
    if (existsSync(built)) return { file: built, entry: built };
  }
  const source = workerBundles.find((w) => w.name === name)!.source.replace(/^src\/main\//, '');
  return { file: join(__dirname, 'worker-dev.cjs'), entry: join(__dirname, source) };
}
