/**
 * SQLCipher's `PRAGMA cipher_integrity_check`, for the driver that does not
 * have it: every page of an SQLCipher 4 file is checked against its HMAC,
 * reading the file a chunk at a time (so the thread is never held for long).
 *
 * SQLCipher 4's page: 4096 bytes; the last 80 are reserved (a 16-byte IV, then
 * a 64-byte HMAC-SHA512). Page 1 starts with the 16-byte salt in the clear. The
 * HMAC covers the encrypted bytes and the IV, then the page number (4 bytes,
 * little-endian), under a key derived from the raw key by PBKDF2-HMAC-SHA512
 * (2 rounds) with the salt XOR 0x3a.
 */
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';

const PAGE = 4096;
const SALT = 16;
const HMAC = 64;
const PAGES_PER_READ = 256;

export function hmacKeyFor(key: Buffer, salt: Buffer): Buffer {
  const hmacSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
  return pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
}

/** One line per page that fails, in SQLCipher's words; empty when every page verifies. */
export async function checkPageHmacs(file: string, key: Buffer): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const problems: string[] = [];
    if (size === 0) return problems;
    const salt = Buffer.alloc(SALT);
    await handle.read(salt, 0, SALT, 0);
    const hmacKey = hmacKeyFor(key, salt);
    const pageNumber = Buffer.alloc(4);
    const chunk = Buffer.alloc(PAGE * PAGES_PER_READ);
    const fullPages = Math.floor(size / PAGE);
    try {
      for (let first = 0; first < fullPages; first += PAGES_PER_READ) {
        const count = Math.min(PAGES_PER_READ, fullPages - first);
        const { bytesRead } = await handle.read(chunk, 0, count * PAGE, first * PAGE);
        for (let i = 0; i < count; i += 1) {
          const pgno = first + i + 1;
          const page = chunk.subarray(i * PAGE, (i + 1) * PAGE);
          if ((i + 1) * PAGE > bytesRead) {
            problems.push(`page ${pgno} could not be read`);
            continue;
          }
          const start = pgno === 1 ? SALT : 0;
          pageNumber.writeUInt32LE(pgno, 0);
          const mac = createHmac('sha512', hmacKey)
            .update(page.subarray(start, PAGE - HMAC))
            .update(pageNumber)
            .digest();
          if (!timingSafeEqual(mac, page.subarray(PAGE - HMAC))) problems.push(`HMAC verification failed for page ${pgno}`);
        }
      }
    } finally {
      hmacKey.fill(0);
      chunk.fill(0);
    }
    if (size % PAGE !== 0) problems.push(`page ${fullPages + 1} has an invalid size of ${size % PAGE} bytes`);
    return problems;
  } finally {
    await handle.close();
  }
}
