/**
 * Reads an import's spreadsheet on its own worker thread (read-worker.ts), so the
 * window stays responsive while a large .xlsx is unpacked and parsed. The rows are
 * the same as reading it here (the same code runs there); a refusal comes back as
 * the same AppError, naming what is wrong with the file.
 */
import { runWorkerOnce } from '../../worker-run';
import type { SheetRows } from './read-file';

export interface ReadTask {
  bytes: Uint8Array;
}

export function readSpreadsheetOffThread(bytes: Buffer): Promise<SheetRows> {
  return runWorkerOnce<SheetRows>('import-read-worker', { bytes: new Uint8Array(bytes) } satisfies ReadTask);
}
