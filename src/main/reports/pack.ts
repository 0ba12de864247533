/**
 * Turns a Document into bytes that are the same every time for the same
 * content: the docx library stamps the current time and random ids, so the
 * package is opened, those are replaced with the report's own fixed time and
 * ids numbered in order, and it is zipped again with fixed file times.
 */
import { createHash } from 'node:crypto';
import { Packer, type Document } from 'docx';
import { unzip, zip } from './zip';

/** Ids the library makes at random (relationship ids): 21 lower-case letters and digits. */
const RANDOM_ID = /rId([a-z0-9_-]{21})\b/g;

/** A document's files with the library's random ids numbered in order, before the time is stamped and zipped. */
export type PreparedFiles = Array<[name: string, data: Buffer]>;

export async function packDocument(doc: Document, fixedTime: string): Promise<Buffer> {
  return stampAndZip(await prepareFiles(doc), fixedTime);
}

/**
 * The slow part of packing (the library writes the XML and zips it; it is unzipped here and its ids
 * numbered): the same for a document whatever time it is produced at, so it can be done ahead of time.
 */
export async function prepareFiles(doc: Document): Promise<PreparedFiles> {
  const files = unzip(await Packer.toBuffer(doc));
  const ids = new Map<string, string>();
  return files.map(([name, data]) => {
    if (!/\.(xml|rels)$/.test(name)) return [name, data];
    let text = data.toString('utf8');
    text = text.replace(RANDOM_ID, (_, id: string) => {
      if (!ids.has(id)) ids.set(id, `rIdR${ids.size + 1}`);
      return ids.get(id)!;
    });
    // Drawing ids count up across every document the process has built; number them per document instead.
    let drawing = 0;
    text = text.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`);
    return [name, Buffer.from(text, 'utf8')];
  });
}

/** The report's own fixed time in its properties, and the files zipped with fixed file times. */
export function stampAndZip(files: PreparedFiles, fixedTime: string): Buffer {
  const stamp = `${new Date(fixedTime).toISOString().slice(0, 19)}Z`;
  return zip(
    files.map(([name, data]): [string, Buffer] =>
      name === 'docProps/core.xml'
        ? [name, Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`), 'utf8')]
        : [name, data],
    ),
  );
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
