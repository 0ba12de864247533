/** One call from content to bytes: the letterhead, the shared blocks and deterministic packing. */
import type { ReportContent } from '../../shared/features/reports';
import { buildDocument, type DocumentMeta, type Letterhead } from './document';
import { packDocument, sha256 } from './pack';

export interface RenderedDocx {
  bytes: Buffer;
  sha256: string;
}

/**
 * `fixedTime` (ISO) goes into the document's properties instead of "now", so
 * the same content and letterhead always give the same bytes.
 */
export async function renderDocx(
  content: ReportContent,
  letterhead: Letterhead,
  meta: DocumentMeta,
  fixedTime: string,
): Promise<RenderedDocx> {
  const bytes = await packDocument(buildDocument(content, letterhead, meta), fixedTime);
  return { bytes, sha256: sha256(bytes) };
}

export {
  buildDocument,
  countPages,
  cleanText,
  heading,
  paragraph,
  signatureBlock,
  table,
  type DocumentMeta,
  type Letterhead,
} from './document';
export { loadLetterhead, letterheadNotices, letterheadProblems } from './letterhead';
export { packDocument, sha256 } from './pack';
export { logoInfo } from './images';
export { barChartPng, encodePng } from './png';
