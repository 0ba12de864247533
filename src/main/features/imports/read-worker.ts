/**
 * The worker thread that reads an import's spreadsheet (see read-task.ts): unzipping
 * and parsing 5,000 rows of .xlsx is close to a second of pure JavaScript, which on
 * the main thread would freeze the window and its progress bar.
 */
import { workerData } from 'node:worker_threads';
import { answerOnce } from '../../worker-run';
import { readSpreadsheet } from './read-file';
import type { ReadTask } from './read-task';

const task = workerData as ReadTask;
// The bytes cross the thread boundary as a plain Uint8Array.
answerOnce(readSpreadsheet(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength)));
