/** The shared building blocks on their own: logo checks, the chart picture, deterministic packing. */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { logoInfo } from '../../../src/main/reports/images';
import { barChartPng, encodePng } from '../../../src/main/reports/png';
import { buildDocument, cleanText } from '../../../src/main/reports/document';
import { packDocument, sha256 } from '../../../src/main/reports/pack';
import type { ReportContent } from '../../../src/shared/features/reports';
import { plainText, readDocx, sectionsMarked } from './docx';

const jpeg = (w: number, h: number) =>
  Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from('JFIF\0'),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 255,
    w >> 8,
    w & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);

describe('logo checks', () => {
  it('reads PNG and JPEG sizes from the bytes and refuses anything else', () => {
    expect(logoInfo(encodePng(30, 10, new Uint8Array(900)))).toMatchObject({ type: 'png', width: 30, height: 10 });
    expect(logoInfo(jpeg(640, 200))).toMatchObject({ type: 'jpg', width: 640, height: 200 });
    expect(() => logoInfo(Buffer.from('%PDF-1.7 not a picture'))).toThrow(/PNG or JPEG/);
    expect(() => logoInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(/PNG or JPEG/);
    expect(() => logoInfo(Buffer.alloc(0))).toThrow(/empty/);
    expect(() => logoInfo(Buffer.concat([jpeg(1, 1), Buffer.alloc(600 * 1024)]))).toThrow(/too large/);
  });
});

describe('packing', () => {
  const content: ReportContent = {
    title: 'Test',
    subtitle: '',
    landscape: false,
    warnings: [],
    blocks: [
      { kind: 'paragraph', text: `Control\u0007characters dropped; ${'very long '.repeat(2000)}`, numbered: true },
      {
        kind: 'chart',
        title: 'Bars',
        legend: 'Kind',
        bars: [
          { label: 'A', value: 3 },
          { label: 'B', value: 0 },
        ],
      },
      { kind: 'table', columns: [{ label: 'Date', width: 1 }], rows: [], emptyText: 'Nothing in this period.' },
    ],
  };
  const letterhead = {
    name: 'Org',
    address: '1 Road, Town',
    charityNumber: '1',
    phone: '',
    logo: null,
    marking: 'OFFICIAL',
  };

  it('gives the same bytes for the same content, whenever it runs', async () => {
    // The machine's clock a day apart (not a real second waited): nothing of it may reach the file.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(new Date('2026-05-01T09:00:00Z'));
    const a = await packDocument(
      buildDocument(content, letterhead, { reportType: 't', typeLabel: 'T' }),
      '2026-01-01T10:00:00.000Z',
    );
    vi.setSystemTime(new Date('2026-05-02T17:31:07Z'));
    const b = await packDocument(
      buildDocument(content, letterhead, { reportType: 't', typeLabel: 'T' }),
      '2026-01-01T10:00:00.000Z',
    );
    expect(sha256(a)).toBe(sha256(b));
    const other = await packDocument(
      buildDocument(content, letterhead, { reportType: 't', typeLabel: 'T' }),
      '2026-01-02T10:00:00.000Z',
    );
    expect(sha256(other)).not.toBe(sha256(a));
    const docx = readDocx(a);
    expect(docx.core).toContain('2026-01-01T10:00:00Z');
    expect(sectionsMarked(docx, 'OFFICIAL')).toBe(true);
    expect(plainText(docx.document)).toContain('Control characters dropped'.replace(' ', ''));
    expect(plainText(docx.document)).toContain('Nothing in this period.');
    expect(docx.document.includes(String.fromCharCode(7))).toBe(false);
  });

  it('draws the same chart for the same figures', () => {
    expect(sha256(barChartPng([1, 2, 3]))).toBe(sha256(barChartPng([1, 2, 3])));
    expect(cleanText('a\r\nb\u0000c')).toBe('a\nbc');
  });
});
