/**
 * Counts a report's pages on its own worker thread (page-count-worker.ts).
 * Laying the document out as Word does takes most of a second for a court
 * report; on the main thread it would freeze the window and hold every other
 * route. Sign-off waits for the answer (the file must carry the right "of N"),
 * but the main thread stays free while it is worked out.
 *
 * If the worker fails, the report is frozen with no cached count: Word and
 * LibreOffice work the number out themselves, and a reader that does not
 * shows no number rather than a wrong one.
 */
import type { ReportContent } from '../../../shared/features/reports';
import type { DocumentMeta, Letterhead } from '../../reports/document';
import { runWorkerOnce } from '../../worker-run';

export interface PageCountTask {
  content: ReportContent;
  letterhead: Letterhead;
  meta: DocumentMeta;
}

export async function countPagesOffThread(
  content: ReportContent,
  letterhead: Letterhead,
  meta: DocumentMeta,
): Promise<number | undefined> {
  try {
    const count = await runWorkerOnce<number | null>('page-count-worker', { content, letterhead, meta } satisfies PageCountTask);
    // Only a whole number of pages is believed; anything else means "not known".
    return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : undefined;
  } catch (err) {
    // Only the kind of report and the error's code: never its words, which could quote the content.
    console.warn(`Page count for a ${meta.reportType} report failed (${(err as { code?: string }).code ?? 'no code'}); frozen without a cached count.`);
    return undefined;
  }
}
