/**
 * One task on a worker thread, one answer: the main thread starts the worker
 * with the task as its workerData and waits; the worker answers once with
 * `answerOnce` and ends by itself. Errors come back as the program's own
 * AppError (with its code and message) or as a plain error carrying only its
 * code and message: never a stack, a path or a value from the records.
 */
import { parentPort, Worker } from 'node:worker_threads';
import type { ApiError } from '../shared/errors';
import { AppError } from './app-error';
import { workerEntry, type WorkerName } from './worker-entry';

export type WorkerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; appError: ApiError }
  | { ok: false; error: { code?: string; message: string } };

export function runWorkerOnce<T>(name: WorkerName, task: object, env: Record<string, string> = {}): Promise<T> {
  const { file, entry } = workerEntry(name);
  return new Promise((resolve, reject) => {
    // The worker sees only what it is given of the environment.
    const worker = new Worker(file, { workerData: { ...task, entry }, env });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer<T>) => {
      answered = true;
      // Never terminate() it: the worker ends by itself once it has answered, and cutting it short
      // while a native driver still holds statements crashes the process (better-sqlite3 at teardown).
      if (answer.ok) resolve(answer.value);
      else if ('appError' in answer) {
        const { code, message, ...extra } = answer.appError;
        reject(new AppError(code, message, extra));
      } else reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
    });
    worker.once('error', (err) => {
      if (!answered) reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ${name} thread stopped (exit code ${code}) before it answered`));
    });
  });
}

/** In the worker: answer the task's result (moving `transfer`'s memory rather than copying it). */
export function answerOnce<T>(work: Promise<T>, transfer: (value: T) => ArrayBuffer[] = () => []): void {
  work.then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies WorkerAnswer<T>, transfer(value)),
    (err: unknown) => {
      const answer: WorkerAnswer<T> =
        err instanceof AppError
          ? { ok: false, appError: err.toApiError() }
          : {
              ok: false,
              // Only the code and the library's own words: never a path or a value from the records.
              error: { code: (err as NodeJS.ErrnoException | null)?.code, message: err instanceof Error ? err.message : String(err) },
            };
      parentPort!.postMessage(answer);
    },
  );
}
