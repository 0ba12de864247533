/**
 * The page-count thread (see page-count-task.ts): kept running between
 * reports, it lays each report out with the same countPages as the main
 * thread would and answers with the number of pages. It first lays out a
 * small sample report, so the layout code is already compiled when the first
 * real report arrives.
 */
import { parentPort } from 'node:worker_threads';
import { buildDocument, countPages, type DocumentMeta, type Letterhead } from '../../reports/document';
import { prepareFiles } from '../../reports/pack';
import type { ReportContent } from '../../../shared/features/reports';
import type { PageCountAnswer, PageCountRequest, PageCountTask } from './page-count-task';

function received(task: PageCountTask): PageCountTask {
  const logo = task.letterhead.logo;
  // A Buffer crosses the thread boundary as a plain Uint8Array.
  if (!logo) return task;
  return { ...task, letterhead: { ...task.letterhead, logo: { ...logo, data: Buffer.from(logo.data) } } };
}

/** Made-up words in the shapes a report uses (headings, numbered paragraphs, a table, a signature block): nobody's data. */
function warmUp(): void {
  const content: ReportContent = {
    title: 'Sample',
    subtitle: 'Sample',
    landscape: false,
    warnings: [],
    runningHeader: 'Sample · P-0000-0000',
    blocks: [
      { kind: 'heading', text: 'Attendance', level: 2 },
      ...Array.from({ length: 6 }, () => ({ kind: 'paragraph' as const, text: 'He attended and took part in the discussion. '.repeat(6), numbered: true })),
      { kind: 'table', columns: [{ label: 'Date', width: 1 }, { label: 'Session', width: 3 }, { label: 'Attendance', width: 2 }], rows: Array.from({ length: 12 }, (_, i) => [`0${(i % 9) + 1}/01/2026`, `Session ${i + 1}`, 'Present']), emptyText: '' },
      { kind: 'facts', rows: [['Reference', 'P-0000-0000'], ['Period', '01/01/2026 to 31/03/2026']] },
      { kind: 'signature', rows: [{ role: 'Author', name: 'Sample', date: '01/01/2026' }] },
    ],
  };
  const letterhead: Letterhead = { name: 'Sample', address: 'Sample', charityNumber: '', phone: '', logo: null, marking: 'OFFICIAL' };
  const meta: DocumentMeta = { reportType: 'court_end', typeLabel: 'Sample' };
  countPages(content, letterhead, meta);
}

try {
  warmUp();
} catch {
  // Only a head start: a real report is laid out (or fails plainly) all the same.
}

/**
 * Counts, answers, then packs the document as it will be frozen (with its count), so producing it after
 * sign-off only stamps the time and zips (pack.ts). One request at a time, in order.
 */
async function answer({ id, task }: PageCountRequest): Promise<void> {
  let t: PageCountTask;
  let count: number | null;
  try {
    t = received(task);
    count = countPages(t.content, t.letterhead, t.meta) ?? null;
  } catch (err) {
    // Only the error's code: never its words, which could quote the content.
    parentPort!.postMessage({ id, count: null, failed: (err as { code?: string } | null)?.code ?? 'no code' } satisfies PageCountAnswer);
    return;
  }
  parentPort!.postMessage({ id, count } satisfies PageCountAnswer);
  if (count === null) return;
  try {
    const files = await prepareFiles(buildDocument({ ...t.content, pageCount: count }, t.letterhead, t.meta));
    parentPort!.postMessage({ id, count, files } satisfies PageCountAnswer);
  } catch {
    // Only a head start: produce packs it itself.
    parentPort!.postMessage({ id, count, files: [] } satisfies PageCountAnswer);
  }
}

let queue = Promise.resolve();
parentPort!.on('message', (request: PageCountRequest) => {
  queue = queue.then(() => answer(request));
});
