/**
 * A small PNG writer and the bar chart for funders' figures. Built in code
 * (no canvas, no fonts) so the same figures always give the same bytes.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGB pixels (row by row) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // no filter
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colours for bars, matched by the legend table in the document (colour-blind friendly order). */
export const BAR_COLOURS = [
  '1F77B4',
  'FF7F0E',
  '2CA02C',
  'D62728',
  '9467BD',
  '8C564B',
  'E377C2',
  '7F7F7F',
  'BCBD22',
  '17BECF',
];

const hex = (h: string): [number, number, number] => [
  parseInt(h.slice(0, 2), 16),
  parseInt(h.slice(2, 4), 16),
  parseInt(h.slice(4, 6), 16),
];

/** A vertical bar chart with a baseline and light grid lines; labels and values are in the legend table beside it. */
export function barChartPng(values: number[], colours: string[] = [], width = 640, height = 260): Buffer {
  const px = new Uint8Array(width * height * 3).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number, [r, g, b]: [number, number, number]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
        const i = (y * width + x) * 3;
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
      }
    }
  };
  const margin = 12;
  const base = height - margin;
  const top = margin;
  const max = Math.max(1, ...values);
  for (let g = 1; g <= 4; g++) {
    const y = Math.round(base - ((base - top) * g) / 4);
    fill(margin, y, width - margin, y + 1, [225, 225, 225]);
  }
  const n = Math.max(1, values.length);
  const slot = (width - 2 * margin) / n;
  values.forEach((v, i) => {
    const h = Math.round(((base - top) * v) / max);
    const x0 = Math.round(margin + i * slot + slot * 0.15);
    const x1 = Math.round(margin + (i + 1) * slot - slot * 0.15);
    fill(x0, base - h, x1, base, hex(colours[i] ?? BAR_COLOURS[i % BAR_COLOURS.length]!));
  });
  fill(margin, base, width - margin, base + 2, [60, 60, 60]);
  return encodePng(width, height, px);
}
