/**
 * The main thread's side of a better-sqlite3-multiple-ciphers connection that
 * lives on its own thread (bs3mc-thread.ts): each RawConnection call becomes a
 * message, answered in order. Calls are already queued one at a time by the
 * Kysely dialect, so nothing here reorders them.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../worker-entry';
import type { RowArrays } from './bs3mc';
import type { ThreadAnswer, ThreadCall } from './bs3mc-thread';
import type { RawConnection } from './types';

/**
 * Rows come over as arrays of values with the column names once (copying one object per row
 * between threads costs more: every row repeats every name). They are made into the objects the
 * other driver gives, names in column order (a repeated name keeps its last value, as there),
 * and BLOBs, which arrive as plain Uint8Arrays, become Buffers again.
 */
function rowsFrom<T>({ names, rows }: RowArrays): T[] {
  const out = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r]!;
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) {
      const v = values[c];
      row[names[c]!] = v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
    }
    out[r] = row as T;
  }
  return out;
}

function startThread(): Worker {
  const { file: script, entry } = workerEntry('bs3mc-thread');
  const worker = new Worker(script, { workerData: { entry }, env: { DVPP_DB_DRIVER: 'bs3mc' } });
  // An idle thread never keeps the process alive.
  worker.unref();
  return worker;
}

/**
 * A thread started ahead, waiting for the next connection. Starting one costs far more than a
 * log-in's own work (about 200 ms running the TypeScript sources, tens of ms bundled: the module
 * graph loads again in the new thread), so the next one is started while nobody waits: when the
 * driver is chosen (the log-in screen is showing) and when a connection closes (log-out, lock).
 */
let spare: { worker: Worker; ready: Promise<void> } | null = null;

export function startSpareThread(): void {
  if (spare) return;
  const worker = startThread();
  const ready = new Promise<void>((resolve) => {
    const drop = () => {
      if (spare?.worker === worker) spare = null;
      resolve();
    };
    worker.once('error', drop);
    worker.once('exit', drop);
    // Its first message: loaded and ready (bs3mc-thread.ts).
    worker.once('message', () => resolve());
  });
  spare = { worker, ready };
}

/** Resolves once the thread started ahead has loaded (the benchmark waits for it, as a person typing a password would). */
export function spareThreadReady(): Promise<void> {
  return spare?.ready ?? Promise.resolve();
}

function takeThread(): Worker {
  const worker = spare?.worker ?? startThread();
  spare = null;
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.removeAllListeners('message');
  return worker;
}

export async function openOnItsOwnThread(file: string): Promise<RawConnection> {
  const worker = takeThread();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let gone: Error | null = null;
  // The thread keeps the process alive only while a call is waiting for it.
  const settle = () => (pending.size > 0 ? worker.ref() : worker.unref());
  worker.on('message', (answer: ThreadAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    settle();
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name, code: answer.error.code }));
  });
  const fail = (err: Error) => {
    gone = err;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
    settle();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the database connection's thread ended (exit code ${code})`)));

  const call = <T>(op: ThreadCall['op'], ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      settle();
      worker.postMessage({ id, op, args } satisfies ThreadCall);
    });
  // Open the file now, so one that cannot be opened (its folder missing) fails here, as with the other driver.
  await call('open', file);
  // A key sent to the thread is a copy: the caller keeps and zeroes its own.
  const copyOf = (key: Buffer) => new Uint8Array(key);
  return {
    driver: 'bs3mc',
    run: (sql, params = []) => call('run', sql, params),
    all: async <T>(sql: string, params: readonly unknown[] = []) => rowsFrom<T>(await call<RowArrays>('all', sql, params)),
    exec: (sql) => call('exec', sql),
    close: async () => {
      if (gone) return;
      await call('close');
      startSpareThread();
    },
    key: (key) => call('key', copyOf(key)),
    rekey: (key) => call('rekey', copyOf(key)),
    attach: (file2, schema, key) => call('attach', file2, schema, copyOf(key)),
    exportInto: (schema) => call('exportInto', schema),
    cipherIntegrityCheck: () => call('cipherIntegrityCheck'),
  };
}
