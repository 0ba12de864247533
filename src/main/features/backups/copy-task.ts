/**
 * Runs a copy task (see copy-worker.ts) on a worker thread and waits for it.
 */
import { runWorkerOnce } from '../../worker-run';
import type { TableCounts } from './copy';

export type CopyTask =
  | { kind: 'export'; databaseFile: string; databaseKey: Buffer; copyFile: string; copyKey: Buffer; pageLimit?: number }
  | { kind: 'check'; copyFile: string; copyKey: Buffer; thorough: boolean };

export function runCopyTask(task: CopyTask): Promise<TableCounts> {
  // The worker needs the same driver choice; nothing else of the environment matters to it.
  return runWorkerOnce<TableCounts>('copy-worker', task, { DVPP_DB_DRIVER: process.env.DVPP_DB_DRIVER ?? '' });
}
