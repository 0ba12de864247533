/**
 * Runs a copy task (see copy-worker.ts) on a worker thread and waits for it.
 */
import { Worker } from 'node:worker_threads';
import type { ApiError } from '../../../shared/errors';
import { AppError } from '../../app-error';
import { workerEntry } from '../../worker-entry';
import type { TableCounts } from './copy';

export type CopyTask =
  | { kind: 'export'; databaseFile: string; databaseKey: Buffer; copyFile: string; copyKey: Buffer; pageLimit?: number }
  | { kind: 'check'; copyFile: string; copyKey: Buffer; thorough: boolean };

export type CopyTaskAnswer =
  | { ok: true; counts: TableCounts }
  | { ok: false; appError: ApiError }
  | { ok: false; error: { code?: string; message: string } };

export function runCopyTask(task: CopyTask): Promise<TableCounts> {
  const { file, entry } = workerEntry('copy-worker', 'features/backups/copy-worker.ts');
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { ...task, entry },
      // The worker needs the same driver choice; nothing else of the environment matters to it.
      env: { DVPP_DB_DRIVER: process.env.DVPP_DB_DRIVER ?? '' },
    });
    let answered = false;
    worker.once('message', (answer: CopyTaskAnswer) => {
      answered = true;
      // Never terminate() it: the worker ends by itself once it has answered, and cutting it short
      // while the native driver still holds statements crashes the process (better-sqlite3 at teardown).
      if (answer.ok) resolve(answer.counts);
      else if ('appError' in answer) {
        const { code, message, ...extra } = answer.appError;
        reject(new AppError(code, message, extra));
      } else reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
    worker.once('error', (err) => {
      if (!answered) reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the copy worker stopped (exit code ${code}) before it answered`));
    });
  });
}
