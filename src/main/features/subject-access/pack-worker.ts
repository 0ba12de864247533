/**
 * The worker thread that builds a subject access pack (see pack-task.ts): the
 * Word document, the JSON and the zip are seconds of pure JavaScript for a man
 * with a long record, which on the main thread would freeze the window.
 */
import { workerData } from 'node:worker_threads';
import { answerOnce } from '../../worker-run';
import { buildPack, type BuiltPack } from './pack';
import type { PackTask } from './pack-task';

function received(task: PackTask): PackTask {
  const logo = task.opts.letterhead.logo;
  // A Buffer crosses the thread boundary as a plain Uint8Array.
  if (!logo) return task;
  return {
    ...task,
    opts: { ...task.opts, letterhead: { ...task.opts.letterhead, logo: { ...logo, data: Buffer.from(logo.data) } } },
  };
}

const task = received(workerData as PackTask);
answerOnce(buildPack(task.data, task.sections, task.opts), (pack: BuiltPack) =>
  pack.bytes.byteOffset === 0 && pack.bytes.byteLength === pack.bytes.buffer.byteLength ? [pack.bytes.buffer as ArrayBuffer] : [],
);
