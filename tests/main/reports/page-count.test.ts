/**
 * Issue 15: a report's pages are counted on a thread kept running between
 * reports (the layout takes a few hundred milliseconds; the main thread stays
 * free), once per exact document: a count made ahead (while a manager reads
 * the preview) is reused only for the very same document. The worker's
 * count is the one the main thread would lay out, logo and all; when the
 * worker fails, the report carries no cached count (Word and LibreOffice work
 * it out), never a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { countAhead, countPagesOffThread, forgetPackedDocuments, packedAhead, pageCountsSettled, stopPageCounter } from '../../../src/main/features/reports/page-count-task';
import { stampAndZip } from '../../../src/main/reports/pack';
import { countPages, encodePng, renderDocx, type Letterhead } from '../../../src/main/reports/render';
import type { ReportContent } from '../../../src/shared/features/reports';
import { readDocx } from './docx';

const content: ReportContent = {
  title: 'Court report',
  subtitle: 'P-2026-0007',
  landscape: false,
  warnings: [],
  runningHeader: 'Test Man · P-2026-0007',
  blocks: Array.from({ length: 12 }, (_, i) => ({
    kind: 'paragraph' as const,
    text: `Paragraph ${i + 1}. ${'He attended the session and took part in the discussion. '.repeat(25)}`,
    numbered: true,
  })),
};
const letterhead: Letterhead = {
  name: 'Test Charity',
  address: '1 High Street',
  charityNumber: '123',
  phone: '01234 567890',
  logo: { type: 'png', data: encodePng(30, 10, new Uint8Array(900).fill(90)), width: 30, height: 10 },
  marking: 'OFFICIAL-SENSITIVE',
};
const meta = { reportType: 'court_end', typeLabel: 'Court / Cafcass report: end of programme' };

/** The cached value of the footer's NUMPAGES field, or '' when it has none. */
function cachedPages(bytes: Buffer): string {
  const footer = readDocx(bytes).footers.join('');
  const field = /<w:fldSimple w:instr="NUMPAGES"[^>]*>([\s\S]*?)<\/w:fldSimple>/.exec(footer)?.[1] ?? '';
  return /<w:t[^>]*>([^<]*)<\/w:t>/.exec(field)?.[1] ?? '';
}

describe('counting pages on a worker thread', () => {
  it('gives the count the main thread would lay out, and the document carries it', async () => {
    const here = countPages(content, letterhead, meta);
    expect(here).toBeGreaterThan(1);
    const there = await countPagesOffThread(content, letterhead, meta);
    expect(there).toBe(here);
    const { bytes } = await renderDocx({ ...content, pageCount: there }, letterhead, meta, '2026-03-10T09:00:00.000Z');
    expect(cachedPages(bytes)).toBe(String(here));
  }, 60_000);

  it('when the worker fails, gives no count (never a wrong one) and the document has no cached number', async () => {
    const broken = { ...letterhead, address: null } as unknown as Letterhead;
    const there = await countPagesOffThread({ ...content, blocks: null } as unknown as ReportContent, broken, meta);
    expect(there).toBeUndefined();
    const { bytes } = await renderDocx({ ...content, pageCount: there }, letterhead, meta, '2026-03-10T09:00:00.000Z');
    expect(cachedPages(bytes)).not.toMatch(/\d/);
  }, 60_000);
});

describe('counting ahead and reusing the count', () => {
  it('reuses a count made ahead only for the very same document; a document one paragraph longer is counted afresh', async () => {
    const longer: ReportContent = {
      ...content,
      blocks: [...content.blocks, ...Array.from({ length: 6 }, (_, i) => ({ kind: 'paragraph' as const, text: `Added ${i}. ${'More words about the session and what he said. '.repeat(25)}`, numbered: true }))],
    };
    const short = countPages(content, letterhead, meta)!;
    const long = countPages(longer, letterhead, meta)!;
    expect(long).toBeGreaterThan(short);
    countAhead('report-1', content, letterhead, meta);
    await pageCountsSettled();
    // Same report, its document changed since the count ahead: the count is the new document's.
    expect(await countPagesOffThread(longer, letterhead, meta)).toBe(long);
    expect(await countPagesOffThread(content, letterhead, meta)).toBe(short);
    // The logo is part of what is laid out: a different one is not the same document.
    const tall = { ...letterhead, logo: { ...letterhead.logo!, data: encodePng(10, 30, new Uint8Array(900).fill(10)), width: 10, height: 30 } };
    expect(await countPagesOffThread(content, tall, meta)).toBe(countPages(content, tall, meta));
  }, 60_000);

  it('keeps counting after a failed document, and after the thread was stopped', async () => {
    const broken = { ...letterhead, address: null } as unknown as Letterhead;
    expect(await countPagesOffThread({ ...content, blocks: null } as unknown as ReportContent, broken, meta)).toBeUndefined();
    const other = { ...content, subtitle: 'P-2026-0008' };
    expect(await countPagesOffThread(other, letterhead, meta)).toBe(countPages(other, letterhead, meta));
    stopPageCounter();
    const third = { ...content, subtitle: 'P-2026-0009' };
    expect(await countPagesOffThread(third, letterhead, meta)).toBe(countPages(third, letterhead, meta));
  }, 60_000);
});

describe('packing ahead', () => {
  it('packs the counted document on the thread, and stamping it gives byte for byte the file producing it would', async () => {
    const doc = { ...content, subtitle: 'P-2026-0010' };
    const count = await countPagesOffThread(doc, letterhead, meta);
    await pageCountsSettled();
    const frozen = { ...doc, pageCount: count };
    // Through a snapshot, as produce sees it: JSON and the logo back from base64.
    const again = JSON.parse(JSON.stringify(frozen)) as ReportContent;
    const logo = { type: letterhead.logo!.type, width: letterhead.logo!.width, height: letterhead.logo!.height, base64: letterhead.logo!.data.toString('base64') };
    const fromSnapshot = { ...letterhead, logo: { ...logo, data: Buffer.from(logo.base64, 'base64') } };
    const files = packedAhead(again, fromSnapshot, meta);
    expect(files).toBeDefined();
    const at = '2026-03-10T09:00:00.000Z';
    const { bytes } = await renderDocx(frozen, letterhead, meta, at);
    expect(stampAndZip(files!, at).equals(bytes)).toBe(true);
    // Not for another document, nor the same one without its count.
    expect(packedAhead({ ...again, pageCount: count! + 1 }, letterhead, meta)).toBeUndefined();
    expect(packedAhead(doc, letterhead, meta)).toBeUndefined();
    // Locking or logging out drops them (they hold the report's words).
    forgetPackedDocuments();
    expect(packedAhead(again, fromSnapshot, meta)).toBeUndefined();
  }, 60_000);
});
