/**
 * Reads an SQLCipher 4 database file (and its -wal file) page by page and
 * decrypts every page with the raw key, free pages included, so a test can
 * search the bytes SQLite actually left on disk, not just what a query sees.
 * Layout (SQLCipher 4 defaults): 4096-byte pages, AES-256-CBC, each page
 * ending in a 16-byte IV and a 64-byte HMAC; page 1 starts with the 16-byte salt.
 */
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const RESERVE = 80;

function decryptPage(page: Buffer, pageNo: number, key: Buffer): Buffer {
  const start = pageNo === 1 ? 16 : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final()]);
}

/** The plaintext of every page in the database file and every frame in its write-ahead log. */
export function plaintextPages(file: string, key: Buffer): { main: Buffer; wal: Buffer; walBytes: number } {
  const bytes = readFileSync(file);
  const pages: Buffer[] = [];
  for (let i = 0; i + PAGE <= bytes.length; i += PAGE)
    pages.push(decryptPage(bytes.subarray(i, i + PAGE), i / PAGE + 1, key));
  const walFile = `${file}-wal`;
  const wal = existsSync(walFile) ? readFileSync(walFile) : Buffer.alloc(0);
  const frames: Buffer[] = [];
  // WAL: a 32-byte header, then frames of a 24-byte header (page number first) and one page.
  for (let i = 32; i + 24 + PAGE <= wal.length; i += 24 + PAGE) {
    const pageNo = wal.readUInt32BE(i);
    frames.push(decryptPage(wal.subarray(i + 24, i + 24 + PAGE), pageNo, key));
  }
  return { main: Buffer.concat(pages), wal: Buffer.concat(frames), walBytes: wal.length };
}

/**
 * Which of the strings appear in the bytes, as UTF-8, also in lower case (as
 * the search indexes fold them), and word by word: FTS5 stores each word as a
 * term, prefix-compressed against the term before it, so each long word's
 * tail is looked for too.
 */
export function traces(haystack: Buffer, needles: string[]): string[] {
  const lower = Buffer.from(haystack.toString('latin1').toLowerCase(), 'latin1');
  const words = needles.flatMap((n) =>
    n
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 9 && /\d|[a-z]{9}/.test(w)),
  );
  const all = [...new Set([...needles, ...words, ...words.map((w) => w.slice(-8))])];
  return all.filter(
    (n) => haystack.includes(Buffer.from(n, 'utf8')) || lower.includes(Buffer.from(n.toLowerCase(), 'utf8')),
  );
}
