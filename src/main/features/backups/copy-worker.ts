/**
 * The worker thread that makes and checks database copies, each with its own
 * connection, so the main thread (the window's calls) never waits on them: a
 * synchronous driver would otherwise hold it for seconds.
 *
 * It receives one task, does it and answers once. Keys arrive as copies and
 * are zeroed when the task ends.
 */
import { workerData } from 'node:worker_threads';
import { answerOnce } from '../../worker-run';
import { checkCopy, countAndExport, openCopy, type TableCounts } from './copy';
import type { CopyTask } from './copy-task';

async function run(task: CopyTask): Promise<TableCounts> {
  try {
    if (task.kind === 'export')
      return await countAndExport(task.databaseFile, task.databaseKey, task.copyFile, task.copyKey, task.pageLimit);
    const raw = await openCopy(task.copyFile, task.copyKey);
    try {
      return await checkCopy(raw, task.thorough);
    } finally {
      await raw.close();
    }
  } finally {
    if (task.kind === 'export') task.databaseKey.fill(0);
    task.copyKey.fill(0);
  }
}

/** Keys cross the thread boundary as plain Uint8Arrays: make them Buffers again (and zero the originals). */
function received(data: CopyTask): CopyTask {
  const buffer = (bytes: Uint8Array) => {
    const copy = Buffer.from(bytes);
    bytes.fill(0);
    return copy;
  };
  return data.kind === 'export'
    ? { ...data, databaseKey: buffer(data.databaseKey), copyKey: buffer(data.copyKey) }
    : { ...data, copyKey: buffer(data.copyKey) };
}

answerOnce(run(received(workerData as CopyTask)));
