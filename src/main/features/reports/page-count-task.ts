/**
 * Counts a report's pages ("Page 3 of 5" carries the 5 as the field's cached
 * value) on a thread of its own (page-count-worker.ts). Laying a court report
 * out as Word does takes a few hundred milliseconds even on a warm thread, so:
 *
 * - the thread is started ahead of time (when someone opens the reports or a
 *   report) and kept running between reports, not started per sign-off;
 * - the count is done once per exact content: when a manager opens a draft
 *   she may sign off, the content her sign-off would freeze is counted while
 *   she reads it (service.ts), and sign-off reuses that count. The key is a
 *   hash of everything the layout reads, so a count is only reused for the
 *   very same document; anything different is counted afresh;
 * - the main thread stays free while it is worked out.
 *
 * If the thread fails, the report is frozen with no cached count: Word and
 * LibreOffice work the number out themselves, and a reader that does not
 * shows no number rather than a wrong one.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ReportContent } from '../../../shared/features/reports';
import type { DocumentMeta, Letterhead } from '../../reports/document';
import type { PreparedFiles } from '../../reports/pack';
import { workerEntry } from '../../worker-entry';

export interface PageCountTask {
  content: ReportContent;
  letterhead: Letterhead;
  meta: DocumentMeta;
}
export interface PageCountRequest {
  id: number;
  task: PageCountTask;
}
export interface PageCountAnswer {
  id: number;
  /** null when the layout could not follow the document or failed */
  count: number | null;
  /** the error's code, when it failed */
  failed?: string;
  /** a second answer: the document with its count, packed but for the time (pack.ts) */
  files?: Array<[string, Uint8Array]>;
}

/** How long the thread is kept with nothing to count before it is stopped (its memory given back). */
const IDLE_MS = 10 * 60_000;
/** Counts kept for reuse (a number each, keyed by a hash: nothing of the content). */
const KEEP = 64;

type Waiting = { resolve: (n: number | undefined) => void; reportType: string };
/** Documents packed ahead (all but the time), by the key of the document with its count; a few, newest last. */
const packed = new Map<string, PreparedFiles>();
const KEEP_PACKED = 4;
/** What each count was for, until its packed files arrive. */
const packing = new Map<number, PageCountTask>();

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const waiting = new Map<number, Waiting>();
const counts = new Map<string, Promise<number | undefined>>();
/** The latest document counted ahead per report, so an older version of it leaves the reuse list. */
const latestFor = new Map<string, string>();
const settled: Array<() => void> = [];

function finish(id: number, count: number | undefined) {
  const w = waiting.get(id);
  if (!w) return;
  waiting.delete(id);
  // Nothing to pack without a count.
  if (count === undefined) packing.delete(id);
  w.resolve(count);
  whenIdle();
}

function whenIdle() {
  if (waiting.size || packing.size) return;
  // Nothing left to count or pack: the thread no longer keeps the program running, and is stopped after a while.
  worker?.unref();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(stopPageCounter, IDLE_MS);
  idleTimer.unref();
  for (const done of settled.splice(0)) done();
}

/** The counts sent to each thread, so a thread that stops fails only its own. */
const sentTo = new WeakMap<Worker, Set<number>>();

function failAll(ids: Set<number>, reason: string) {
  for (const id of [...ids]) {
    packing.delete(id);
    const w = waiting.get(id);
    if (!w) continue;
    // Only the kind of report and the reason: never the content.
    console.warn(`Page count for a ${w.reportType} report failed (${reason}); frozen without a cached count.`);
    finish(id, undefined);
  }
  ids.clear();
  whenIdle();
}

function thread(): Worker {
  if (worker) return worker;
  const { file, entry } = workerEntry('page-count-worker');
  // The thread sees nothing of the environment.
  const w = new Worker(file, { workerData: { entry }, env: {} });
  const mine = new Set<number>();
  sentTo.set(w, mine);
  w.on('message', (a: PageCountAnswer) => {
    if (a.files) {
      // The second answer: the document packed with its count (none if packing it failed).
      const task = packing.get(a.id);
      packing.delete(a.id);
      mine.delete(a.id);
      if (task && a.count !== null && a.files.length) {
        packed.set(keyOf({ ...task, content: { ...task.content, pageCount: a.count } }), a.files.map(([n, d]) => [n, Buffer.from(d.buffer, d.byteOffset, d.byteLength)]));
        while (packed.size > KEEP_PACKED) packed.delete(packed.keys().next().value!);
      }
      whenIdle();
      return;
    }
    const w2 = waiting.get(a.id);
    if (a.failed && w2) console.warn(`Page count for a ${w2.reportType} report failed (${a.failed}); frozen without a cached count.`);
    // Only a whole number of pages is believed; anything else means "not known".
    const count = typeof a.count === 'number' && Number.isInteger(a.count) && a.count > 0 ? a.count : undefined;
    if (count === undefined) mine.delete(a.id);
    finish(a.id, count);
  });
  w.on('error', (err: Error & { code?: string }) => {
    if (worker === w) worker = null;
    failAll(mine, err.code ?? 'thread error');
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(mine, `thread stopped, exit code ${code}`);
  });
  w.unref();
  worker = w;
  return w;
}

/** Starts the thread ahead of the first count (and lays out its sample), if it is not running. */
export function warmPageCounter(): void {
  try {
    thread();
  } catch {
    // The count will try again (and, failing, leave no cached number).
  }
}

/**
 * At lock and log-out: the documents packed ahead, and those waiting to be, hold the reports' words, so they
 * are dropped (a produce after the next log-in packs its own). The counts (numbers) and the thread stay.
 */
export function forgetPackedDocuments(): void {
  packed.clear();
  packing.clear();
  whenIdle();
}

/** Stops the thread (it holds no database and nothing once a count is answered); the next count starts it again. */
export function stopPageCounter(): void {
  const w = worker;
  worker = null;
  // The packed documents hold the reports' words: they do not outlive the thread (10 idle minutes at most).
  packed.clear();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (w) void w.terminate();
}

/** What the layout reads, hashed: the same key means the very same document to lay out. */
function keyOf(task: PageCountTask): string {
  const { logo, ...rest } = task.letterhead;
  // The logo by what is drawn (a frozen snapshot's letterhead carries other fields beside it).
  const h = createHash('sha256').update(JSON.stringify([task.content, rest, task.meta, logo && [logo.type, logo.width, logo.height]]));
  if (logo) h.update(logo.data);
  return h.digest('hex');
}

function send(task: PageCountTask): Promise<number | undefined> {
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, { resolve, reportType: task.meta.reportType });
    packing.set(id, task);
    while (packing.size > KEEP) packing.delete(packing.keys().next().value!);
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    try {
      const w = thread();
      sentTo.get(w)!.add(id);
      w.ref();
      w.postMessage({ id, task } satisfies PageCountRequest);
    } catch (err) {
      console.warn(`Page count for a ${task.meta.reportType} report failed (${(err as { code?: string }).code ?? 'no code'}); frozen without a cached count.`);
      finish(id, undefined);
    }
  });
}

function counted(task: PageCountTask, key = keyOf(task)): Promise<number | undefined> {
  const known = counts.get(key);
  if (known) return known;
  const p = send(task).then((n) => {
    // A failure is not kept: the next sign-off tries again.
    if (n === undefined) counts.delete(key);
    return n;
  });
  counts.set(key, p);
  while (counts.size > KEEP) counts.delete(counts.keys().next().value!);
  return p;
}

/**
 * The number of pages of this exact document: the count already made for it
 * when there is one (or the one under way), otherwise counted now. Never
 * rejects: undefined when it cannot be counted.
 */
export function countPagesOffThread(content: ReportContent, letterhead: Letterhead, meta: DocumentMeta): Promise<number | undefined> {
  return counted({ content, letterhead, meta });
}

/**
 * Counts, ahead of time and without waiting, the document a sign-off of
 * report `reportId` would freeze; sign-off then finds the count made.
 */
export function countAhead(reportId: string, content: ReportContent, letterhead: Letterhead, meta: DocumentMeta): void {
  const task = { content, letterhead, meta };
  const key = keyOf(task);
  const before = latestFor.get(reportId);
  latestFor.set(reportId, key);
  while (latestFor.size > KEEP) latestFor.delete(latestFor.keys().next().value!);
  // An older version of this report's document, not needed any more, is dropped from the reuse list.
  if (before && before !== key) counts.delete(before);
  void counted(task, key);
}

/**
 * The files of this exact document (its count included) if the page-count thread has already packed them,
 * for produce to stamp with its time and zip; otherwise undefined (produce packs it itself).
 */
export function packedAhead(content: ReportContent, letterhead: Letterhead, meta: DocumentMeta): PreparedFiles | undefined {
  return content.pageCount === undefined ? undefined : packed.get(keyOf({ content, letterhead, meta }));
}

/** Resolves when no count or packing is under way (the benchmark's stand-in for a manager reading the preview; tests). */
export function pageCountsSettled(): Promise<void> {
  return waiting.size === 0 && packing.size === 0 ? Promise.resolve() : new Promise((done) => settled.push(done));
}
