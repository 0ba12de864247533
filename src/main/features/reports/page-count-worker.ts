/**
 * The worker thread that lays a report out to count its pages (see
 * page-count-task.ts): the same countPages as the main thread would run.
 */
import { workerData } from 'node:worker_threads';
import { countPages } from '../../reports/document';
import { answerOnce } from '../../worker-run';
import type { PageCountTask } from './page-count-task';

function received(task: PageCountTask): PageCountTask {
  const logo = task.letterhead.logo;
  // A Buffer crosses the thread boundary as a plain Uint8Array.
  if (!logo) return task;
  return { ...task, letterhead: { ...task.letterhead, logo: { ...logo, data: Buffer.from(logo.data) } } };
}

answerOnce(
  (async () => {
    const task = received(workerData as PageCountTask);
    return countPages(task.content, task.letterhead, task.meta) ?? null;
  })(),
);
