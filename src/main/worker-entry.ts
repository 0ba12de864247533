/**
 * Where a worker thread's code is. The bundled program builds each worker as
 * its own file beside main.cjs (forge.config.ts lists them); development, the
 * tests and the browser host run the TypeScript sources, through a small
 * bootstrap (worker-dev.cjs) that registers tsx inside the worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `name` is the bundle's base name (copy-worker); `source` the TypeScript file, from this folder. */
export function workerEntry(name: string, source: string): { file: string; entry: string } {
  for (const built of [join(__dirname, `${name}.cjs`), join(__dirname, `${name}.js`)]) {
    if (existsSync(built)) return { file: built, entry: built };
  }
  return { file: join(__dirname, 'worker-dev.cjs'), entry: join(__dirname, source) };
}
