/**
 * The shared DOCX building blocks: letterhead, protective marking in every
 * header and footer, page X of Y, numbered paragraphs, headings, tables whose
 * header row repeats on each page, the signature block and document
 * properties that say what kind of report it is and nothing about anyone.
 * Every report is a ReportContent (blocks) turned into a Document here.
 */
import { layoutDocument } from 'docx/layout';
import {
  DocumentProtectionType,
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  PageNumber,
  SimpleField,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  Tab,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { ReportBlock, ReportContent } from '../../shared/features/reports';
import { encodePng } from './png';

export interface Letterhead {
  name: string;
  address: string;
  charityNumber: string;
  phone: string;
  logo: { type: 'png' | 'jpg'; data: Buffer; width: number; height: number } | null;
  marking: string;
}

export interface DocumentMeta {
  /** the kind of report, for the document's properties (never a name) */
  reportType: string;
  typeLabel: string;
}

const FONT = 'Arial';
const NUMBERING = 'numbered-paragraphs';
const FOOTER_STYLE = 'ReportFooter';
/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };

/** Characters Word refuses in XML (controls other than tab and newline) are dropped; line ends are made uniform. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

const RTL_RUN = /([\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF][\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\s\d.,:;!?()-]*)/;
const STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Whether a paragraph reads right to left: its first letter is Hebrew or Arabic script. */
const startsRtl = (text: string) => RTL.test(STRONG.exec(text)?.[0] ?? '');

/** Text runs: a new line becomes a line break; right-to-left stretches are marked so Word orders them correctly. */
function runs(text: string, opts: { bold?: boolean; size?: number; colour?: string } = {}): TextRun[] {
  const out: TextRun[] = [];
  cleanText(text)
    .split('\n')
    .forEach((line, i) => {
      const parts = line.split(RTL_RUN).filter((p, j) => p !== '' || j === 0);
      parts.forEach((part, j) => {
        out.push(
          new TextRun({
            text: part,
            bold: opts.bold,
            size: opts.size,
            font: FONT,
            color: opts.colour,
            rightToLeft: RTL.test(part) || undefined,
            break: i > 0 && j === 0 ? 1 : undefined,
          }),
        );
      });
    });
  return out;
}

export function paragraph(
  text: string,
  opts: {
    bold?: boolean;
    size?: number;
    numbered?: boolean;
    align?: 'left' | 'right' | 'center';
    spacingAfter?: number;
    keepNext?: boolean;
    colour?: string;
  } = {},
): Paragraph {
  const rtl = startsRtl(text);
  return new Paragraph({
    children: runs(text, { bold: opts.bold, size: opts.size, colour: opts.colour }),
    // A numbered paragraph stays left to right so its number is on the left like the others; its
    // right-to-left runs are still marked, so the words themselves read correctly.
    bidirectional: (rtl && !opts.numbered) || undefined,
    numbering: opts.numbered ? { reference: NUMBERING, level: 0 } : undefined,
    alignment:
      opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : undefined,
    spacing: { after: opts.spacingAfter ?? 120 },
    keepNext: opts.keepNext,
  });
}

/**
 * A real Word heading (the Heading 1 / Heading 2 styles, with their outline
 * level), so the navigation pane and screen readers see the report's
 * structure; the look comes from the styles in buildDocument.
 */
export function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    children: runs(text),
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    bidirectional: startsRtl(text) || undefined,
  });
}

const headingStyle = (level: 1 | 2) => ({
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: FONT, bold: true, size: level === 1 ? 28 : 24, color: '000000' },
  paragraph: {
    spacing: { before: level === 1 ? 240 : 180, after: 120 },
    keepNext: true,
    keepLines: true,
    outlineLevel: level - 1,
  },
});

/**
 * Word always ends the body with a paragraph; after a table that falls at the
 * foot of a page an ordinary empty one is pushed onto a page of its own, so
 * the last one is a hair's breadth high.
 */
function endParagraph(): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' },
    run: { size: 2 },
    children: [],
  });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(
  text: string,
  width: number,
  opts: { header?: boolean; fill?: string; keepNext?: boolean } = {},
): TableCell {
  return new TableCell({
    children: [paragraph(text || ' ', { bold: opts.header, size: 20, spacingAfter: 40, keepNext: opts.keepNext })],
    width: { size: width, type: WidthType.DXA },
    shading: opts.fill
      ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill }
      : opts.header
        ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' }
        : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders,
  });
}

/** A table whose header row repeats at the top of every page it runs onto; rows never split across pages. */
export function table(
  columns: Array<{ label: string; width: number }>,
  rows: string[][],
  contentWidth: number,
  tall = false,
): Table {
  const total = columns.reduce((s, c) => s + c.width, 0) || 1;
  const widths = columns.map((c) => Math.floor((c.width / total) * contentWidth));
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c.label, widths[i]!, { header: true })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            height: tall ? { value: 680, rule: 'atLeast' } : undefined,
            children: columns.map((_, i) => cell(r[i] ?? '', widths[i]!)),
          }),
      ),
    ],
  });
}

function facts(rows: Array<[string, string]>, contentWidth: number): Table {
  const w = [Math.floor(contentWidth * 0.32), Math.ceil(contentWidth * 0.68)];
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: w,
    rows: rows.map(
      ([k, v]) => new TableRow({ cantSplit: true, children: [cell(k, w[0]!, { fill: 'F2F2F2' }), cell(v, w[1]!)] }),
    ),
  });
}

/** Who wrote it and who signed it off, with room for a signature. */
export function signatureBlock(rows: Array<{ role: string; name: string; date: string }>, contentWidth: number): Table {
  const w = [0.22, 0.3, 0.3, 0.18].map((f) => Math.floor(contentWidth * f));
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: w,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: ['Role', 'Name', 'Signature', 'Date'].map((h, i) => cell(h, w[i]!, { header: true, keepNext: true })),
      }),
      // Every row but the last keeps with the next, so the block is never split across pages.
      ...rows.map((r, j) => {
        const keepNext = j < rows.length - 1;
        return new TableRow({
          cantSplit: true,
          height: { value: 600, rule: 'atLeast' },
          children: [
            cell(r.role, w[0]!, { keepNext }),
            cell(r.name, w[1]!, { keepNext }),
            cell('', w[2]!, { keepNext }),
            cell(r.date, w[3]!, { keepNext }),
          ],
        });
      }),
    ],
  });
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most six ticks up to the largest bar. */
export function axisTicks(max: number): number[] {
  const top = Math.max(1, max);
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const s = [1, 2, 5].map((m) => m * p).find((c) => Math.ceil(top / c) <= 5);
    if (s) {
      step = s;
      break;
    }
  }
  const end = Math.ceil(top / step) * step;
  return Array.from({ length: end / step + 1 }, (_, i) => i * step);
}

/** One pixel of the bars' single dark grey, stretched to each bar's length. */
const BAR_PNG = encodePng(1, 1, new Uint8Array([64, 64, 64]));
/** Twentieths of a point per pixel at 96 dpi. */
const TWIPS_PER_PX = 15;

/**
 * A horizontal bar chart built from a table, so that every word in it is real
 * text (readable by a screen reader, found by a search, printed crisply): the
 * label of each bar on its left, the bar in one dark grey with its number
 * written after it, and an axis with its values underneath. One colour and
 * the numbers in words make it readable printed in black and white. A
 * suppressed count has no bar and says so.
 */
function chart(block: Extract<ReportBlock, { kind: 'chart' }>, contentWidth: number): FileChild[] {
  const w = [Math.floor(contentWidth * 0.32), Math.ceil(contentWidth * 0.68)] as const;
  const pad = 80;
  // Room after the longest bar for its number ("fewer than 5" fits in the label room).
  const plot = w[1] - pad - 1500;
  const ticks = axisTicks(Math.max(0, ...block.bars.map((b) => b.value)));
  const axisMax = ticks.at(-1)!;
  const at = (v: number) => Math.round((v / axisMax) * plot);
  const axisLine = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const barCell = (children: ParagraphChild[], opts: { axis?: boolean; caption?: boolean } = {}) =>
    new TableCell({
      children: [new Paragraph({ children, spacing: { after: 0 }, tabStops: opts.axis ? tickStops : undefined })],
      width: { size: w[1], type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 0, right: pad },
      verticalAlign: VerticalAlign.CENTER,
      borders: opts.axis
        ? { top: axisLine, bottom: none, left: none, right: none }
        : { top: none, bottom: none, left: opts.caption ? none : axisLine, right: none },
    });
  const labelCell = (text: string, opts: { bold?: boolean } = {}) =>
    new TableCell({
      children: [paragraph(text, { size: 20, spacingAfter: 0, align: 'right', bold: opts.bold })],
      width: { size: w[0], type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: pad, right: 120 },
      verticalAlign: VerticalAlign.CENTER,
      borders: { top: none, bottom: none, left: none, right: none },
    });
  const tickStops = ticks.slice(1).map((t) => ({ type: TabStopType.CENTER, position: at(t) }));
  const text = (t: string, bold = false) => new TextRun({ text: t, font: FONT, size: 18, bold });
  const rows = block.bars.map((b) => {
    const drawn = !(b.shown && b.shown !== String(b.value)) && b.value > 0;
    const len = Math.max(1, Math.round(at(b.value) / TWIPS_PER_PX));
    return new TableRow({
      cantSplit: true,
      children: [
        labelCell(b.label),
        barCell([
          ...(drawn
            ? [
                new ImageRun({
                  type: 'png',
                  data: BAR_PNG,
                  transformation: { width: len, height: 14 },
                  altText: {
                    name: 'Bar',
                    title: b.label,
                    description: `${b.label}: ${b.value}`,
                  },
                }),
              ]
            : []),
          text(
            drawn ? `  ${b.value}` : b.shown && b.shown !== String(b.value) ? `  ${b.shown} (no bar drawn)` : '  0',
            true,
          ),
        ]),
      ],
    });
  });
  const axis = new TableRow({
    cantSplit: true,
    children: [
      labelCell(''),
      barCell(
        [
          text('0'),
          ...ticks
            .slice(1)
            .flatMap((t) => [new TextRun({ font: FONT, size: 18, children: [new Tab()] }), text(String(t))]),
        ],
        {
          axis: true,
        },
      ),
    ],
  });
  const caption = new TableRow({
    cantSplit: true,
    children: [labelCell(''), barCell([text(block.legend)], { caption: true })],
  });
  return [
    heading(block.title, 2),
    new Table({
      width: { size: contentWidth, type: WidthType.DXA },
      columnWidths: [...w],
      rows: [...rows, axis, caption],
    }),
  ];
}

function blockToDocx(block: ReportBlock, contentWidth: number, last: boolean, next?: ReportBlock): FileChild[] {
  // The space after a table; the document's last block ends with the tiny closing paragraph instead.
  const gap = (after: number) => (last ? endParagraph() : paragraph('', { spacingAfter: after }));
  switch (block.kind) {
    case 'heading':
      return [heading(block.text, block.level)];
    case 'paragraph':
      return [
        paragraph(block.text, {
          numbered: block.numbered,
          bold: block.bold,
          size: block.small ? 18 : undefined,
          keepNext: block.keepWithNext || (next?.kind === 'heading' && next.keepPrevious),
        }),
      ];
    case 'facts':
      return [facts(block.rows, contentWidth), gap(60)];
    case 'table':
      return block.rows.length === 0
        ? [paragraph(block.emptyText)]
        : [table(block.columns, block.rows, contentWidth, block.tall), gap(60)];
    case 'chart':
      return [...chart(block, contentWidth), gap(60)];
    case 'signature':
      return [signatureBlock(block.rows, contentWidth), gap(120)];
    case 'address':
      return block.lines.map((l, i) => paragraph(l, { spacingAfter: i === block.lines.length - 1 ? 240 : 0 }));
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

/**
 * The organisation's name, address and logo at the top right. On a landscape
 * page (a register to print) it is squeezed onto two lines so that a small
 * group's register fits on one sheet.
 */
function letterheadBlock(l: Letterhead, compact: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  if (l.logo) {
    // At most 4.5 cm wide and 2 cm high (1 cm on a compact letterhead), keeping its shape.
    const scale = Math.min(170 / l.logo.width, (compact ? 38 : 76) / l.logo.height, 1);
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new ImageRun({
            type: l.logo.type,
            data: l.logo.data,
            transformation: {
              width: Math.max(1, Math.round(l.logo.width * scale)),
              height: Math.max(1, Math.round(l.logo.height * scale)),
            },
            altText: { name: 'Logo', title: 'Logo', description: `${l.name} logo` },
          }),
        ],
      }),
    );
  }
  out.push(paragraph(l.name, { bold: true, size: compact ? 22 : 28, align: 'right', spacingAfter: 0 }));
  const lines = [
    ...cleanText(l.address)
      .split(/\n|,\s*/)
      .filter(Boolean),
    ...(l.phone ? [`Telephone ${l.phone}`] : []),
    ...(l.charityNumber ? [`Registered charity number ${l.charityNumber}`] : []),
  ];
  const shown = compact && lines.length ? [lines.join(' · ')] : lines;
  shown.forEach((line, i) =>
    out.push(
      paragraph(line, { size: 18, align: 'right', spacingAfter: i === shown.length - 1 ? (compact ? 120 : 240) : 0 }),
    ),
  );
  return out;
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: marking, bold: true, font: FONT, size: 20 })],
  });
}

/** Builds the document: letterhead, title, the blocks, marking in every header and footer, page X of Y. */
export function buildDocument(content: ReportContent, letterhead: Letterhead, meta: DocumentMeta): Document {
  // The library swaps width and height itself for a landscape page: always give the portrait size.
  const contentWidth = (content.landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
  // With the number of pages laid out when it was frozen, "of N" carries it as the field's cached value, so a reader
  // that shows fields as written still shows it (Word and LibreOffice work it out again). A report frozen before
  // that has none and is written exactly as it was, so it is produced again byte for byte.
  const pageNumbers: ParagraphChild[] =
    content.pageCount === undefined
      ? [new TextRun({ font: FONT, size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })]
      : [
          new TextRun({ font: FONT, size: 18, children: ['Page ', PageNumber.CURRENT, ' of '] }),
          new SimpleField('NUMPAGES', String(content.pageCount)),
        ];
  const placement = content.markingPlacement ?? 'every_page';
  const marked = (onThisPage: boolean) => onThisPage && placement !== 'none';
  const header = (onThisPage: boolean) =>
    new Header({
      children: [
        ...(marked(onThisPage) ? [markingParagraph(letterhead.marking)] : []),
        ...(content.runningHeader
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: runs(content.runningHeader, { size: 16 }),
              }),
            ]
          : []),
        ...(!marked(onThisPage) && !content.runningHeader ? [new Paragraph({ children: [] })] : []),
      ],
    });
  const footer = (onThisPage: boolean) =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          ...(content.pageCount === undefined ? {} : { style: FOOTER_STYLE }),
          children: [new TextRun({ text: `${meta.typeLabel} · `, font: FONT, size: 18 }), ...pageNumbers],
        }),
        ...(marked(onThisPage) ? [markingParagraph(letterhead.marking)] : []),
      ],
    });
  return new Document({
    creator: letterhead.name,
    lastModifiedBy: letterhead.name,
    title: meta.typeLabel,
    subject: meta.typeLabel,
    description: `Protective marking: ${letterhead.marking}`,
    // Words a person searching their documents would use, never the program's codes.
    keywords: `${meta.typeLabel}; ${letterhead.marking}`,
    revision: 1,
    // Word's read-only protection (Review > Restrict Editing) on a frozen report: it opens for reading, not
    // to be changed by accident before it goes to a court. No password: with one, docx adds a random salt and
    // the same report could not be produced byte for byte again; the file's hash is what proves it unchanged.
    ...(content.readOnly ? { protection: { type: DocumentProtectionType.READ_ONLY } } : {}),
    customProperties: [
      { name: 'Report type', value: meta.typeLabel },
      { name: 'Protective marking', value: letterhead.marking },
    ],
    styles: {
      default: {
        // English (UK), so Word's spelling check and screen readers use British English.
        document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } } },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
      },
      // The footer's size for the cached "of N" run, which carries no formatting of its own.
      ...(content.pageCount === undefined ? {} : { paragraphStyles: [{ id: FOOTER_STYLE, name: 'Report footer', run: { font: FONT, size: 18 } }] }),
    },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 567, hanging: 567 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          // A letter unmarked on the page that faces the envelope window has a first page of its own.
          titlePage: placement === 'not_first_page' || undefined,
          page: {
            size: {
              width: PAGE.width,
              height: PAGE.height,
              orientation: content.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
              header: 567,
              footer: 567,
            },
          },
        },
        headers: {
          default: header(true),
          ...(placement === 'not_first_page' ? { first: header(false) } : {}),
        },
        footers: {
          default: footer(true),
          ...(placement === 'not_first_page' ? { first: footer(false) } : {}),
        },
        children: [
          ...letterheadBlock(letterhead, content.landscape),
          ...(content.titleInBody ? [] : [heading(content.title, 1)]),
          ...(content.subtitle ? [paragraph(content.subtitle, { spacingAfter: 200 })] : []),
          ...content.blocks.flatMap((b, i) =>
            blockToDocx(b, contentWidth, i === content.blocks.length - 1, content.blocks[i + 1]),
          ),
        ],
      },
    ],
  });
}

/**
 * How many pages the document has, laid out as Word lays it out (docx/layout),
 * for the cached value of its "of N". Done once, when a report is frozen (the
 * layout is slow: about ten times the rest of producing the file); undefined
 * when the layout cannot follow something in it.
 */
export function countPages(content: ReportContent, letterhead: Letterhead, meta: DocumentMeta): number | undefined {
  const laid = layoutDocument(buildDocument(content, letterhead, meta));
  return laid.stoppedAt || laid.pages.length === 0 ? undefined : laid.pages.length;
}
