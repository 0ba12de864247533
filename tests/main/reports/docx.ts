/** Reads a generated DOCX back: it is a zip; the parts tests look at are XML. */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  files: string[];
  document: string;
  headers: string[];
  footers: string[];
  core: string;
  custom: string;
  settings: string;
  /** every XML part, for searching */
  all: string;
}

export function readDocx(bytes: Buffer | Uint8Array): DocxParts {
  const files = unzipSync(new Uint8Array(bytes));
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const names = Object.keys(files);
  return {
    files: names,
    document: text('word/document.xml'),
    headers: names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(text),
    footers: names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(text),
    core: text('docProps/core.xml'),
    custom: text('docProps/custom.xml'),
    settings: text('word/settings.xml'),
    all: names
      .filter((n) => /\.(xml|rels)$/.test(n))
      .map(text)
      .join('\n'),
  };
}

/** The visible text of a part (the w:t runs), XML entities decoded. */
export function plainText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A letter to his home by default: no marking on the first page (the one seen
 * through the envelope window), the marking on every page after it.
 */
export function markedAfterFirstPage(p: DocxParts, marking: string): boolean {
  const section = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(p.document)?.[0] ?? '';
  const marked = (xml: string) => plainText(xml).includes(marking);
  return (
    /<w:titlePg\/>|<w:titlePg w:val="(true|1)"\/>/.test(section) &&
    /w:headerReference w:type="first"/.test(section) &&
    /w:footerReference w:type="first"/.test(section) &&
    p.headers.some(marked) &&
    p.headers.some((h) => !marked(h)) &&
    p.footers.some(marked) &&
    p.footers.some((f) => !marked(f))
  );
}

/** Each page section's header and footer carry the marking; the footer has page X of Y. */
export function sectionsMarked(p: DocxParts, marking: string): boolean {
  const sections = [...p.document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  return (
    sections.length > 0 &&
    sections.every((s) => /w:headerReference/.test(s) && /w:footerReference/.test(s)) &&
    p.headers.length > 0 &&
    p.headers.every((h) => plainText(h).includes(marking)) &&
    p.footers.every((f) => plainText(f).includes(marking) && /PAGE/.test(f) && /NUMPAGES/.test(f))
  );
}
