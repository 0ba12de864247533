/**
 * The backup file (DESIGN.md section 6):
 *
 *   "DVPPBAK\n" | header length (uint32, big-endian) | header (JSON) | SQLCipher database | SHA-256 of all before it
 *
 * The header holds what a restore must know before it has the key: format and
 * versions, when it was made, the organisation's name, and the backup key
 * wrapped twice (by the backup passphrase and by the recovery key). The
 * database is an SQLCipher copy under that backup key. The keyring and a
 * summary are encrypted under the backup key; the summary's additional data is
 * the rest of the header, so an edited header is noticed once the key is known.
 * The checksum needs no key, so damage is told apart from a wrong passphrase.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, invalidField } from '../../app-error';

export const MAGIC = Buffer.from('DVPPBAK\n', 'ascii');
export const FORMAT_VERSION = 1;
const CHECKSUM_BYTES = 32;
const MAX_HEADER_BYTES = 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

const box = z.object({ iv: z.string().min(1), tag: z.string().min(1), data: z.string().min(1) });
const sealed = box.extend({ ephemeral: z.string().min(1) });
const scryptParams = z.object({ N: z.number().int().min(2), r: z.number().int().min(1), p: z.number().int().min(1) });

/** One way to the backup key: a private key wrapped by a secret, and the backup key sealed to its public half. */
export const slotSchema = z.object({
  kdf: z.discriminatedUnion('alg', [
    z.object({ alg: z.literal('scrypt'), salt: z.string().min(1), params: scryptParams }),
    z.object({ alg: z.literal('hkdf'), salt: z.string().min(1) }),
  ]),
  publicKey: z.string().min(1),
  privateKey: box,
  sealedKey: sealed,
});
export type Slot = z.infer<typeof slotSchema>;

export const headerSchema = z.object({
  format: z.number().int(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.string(),
  databaseId: z.string(),
  organisation: z.object({ name: z.string(), shortName: z.string() }),
  databaseBytes: z.number().int().min(0),
  /**
   * The partner file (partner.db) as it is on disk, still under the partner key, after the database part;
   * absent in backups from before it (and of a folder not yet converted). The backup key does not open it:
   * the recovery key or a partner-side person's password does, through the keyring.
   */
  partnerBytes: z.number().int().min(0).optional(),
  slots: z.object({ passphrase: slotSchema, recovery: slotSchema.nullable() }),
  /** the keyring, under the backup key */
  keyring: box,
  /** counts and the like, under the backup key, with the rest of the header as additional data */
  summary: box,
});
export type BackupHeader = z.infer<typeof headerSchema>;

/** JSON with keys sorted at every level, so the same header always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The header fields the summary box vouches for (everything but the summary itself). */
export function headerAad(header: Omit<BackupHeader, 'summary'> & { summary?: unknown }): string {
  const { summary: _summary, ...rest } = header;
  return canonical(rest);
}

// ---- messages -------------------------------------------------------------------------------

export const NOT_A_BACKUP =
  'This file is not a backup made by this program. Choose a file whose name ends in .dvppbak.';
export const TRUNCATED =
  'This backup file is incomplete: it is shorter than it should be, perhaps because copying it did not finish. Nothing has been changed. Try another backup.';
export const DAMAGED =
  'This backup file is damaged: its contents do not match the checksum written when it was made. Nothing has been changed. Try another backup.';
const fileError = (message: string) => invalidField('file', message);

// ---- writing ----------------------------------------------------------------------------------

export interface WriteHooks {
  /** called before each chunk is written, with the bytes written so far (tests use it to fail a write) */
  beforeChunk?: (written: number) => void;
  /** called as the copy in the data folder is made (tests use it to fill this computer's disk) */
  duringCopy?: () => void;
  /** tests only: the copy may grow to this many pages, so the worker's own export meets a full disk (SQLITE_FULL) */
  copyPageLimit?: number;
  /** called with the file on the drive once written, before it is read back (tests use it to play a failing drive) */
  afterWrite?: (file: string) => void;
}

/**
 * Writes header, database and checksum to `target`, syncing it to the disk.
 * Removes the partial file on failure. Returns the bytes written and the checksum.
 * Every read, write and the sync are asynchronous: a slow USB stick never holds
 * up the window's calls.
 */
export async function writeBackupFile(
  target: string,
  header: BackupHeader,
  databaseFile: string,
  onProgress: (done: number, total: number) => void,
  hooks: WriteHooks = {},
  partnerFile: string | null = null,
): Promise<{ bytes: number; checksum: Buffer }> {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const hash = createHash('sha256');
  const out = await open(target, 'wx', 0o600);
  let written = 0;
  const put = async (buf: Buffer) => {
    hooks.beforeChunk?.(written);
    hash.update(buf);
    let offset = 0;
    while (offset < buf.length) offset += (await out.write(buf, offset, buf.length - offset)).bytesWritten;
    written += buf.length;
  };
  try {
    await put(Buffer.concat([MAGIC, length, headerBytes]));
    const input = await open(databaseFile, 'r');
    try {
      const total = (await input.stat()).size;
      if (total !== header.databaseBytes) throw new Error('the database copy changed size while it was written');
      const buf = Buffer.alloc(CHUNK);
      let done = 0;
      for (;;) {
        const { bytesRead: n } = await input.read(buf, 0, CHUNK, null);
        if (n === 0) break;
        await put(buf.subarray(0, n));
        done += n;
        onProgress(done, total);
      }
    } finally {
      await input.close();
    }
    if (partnerFile) {
      const partner = await open(partnerFile, 'r');
      try {
        if ((await partner.stat()).size !== header.partnerBytes) throw new Error('the partner file copy changed size while it was written');
        const buf = Buffer.alloc(CHUNK);
        for (;;) {
          const { bytesRead: n } = await partner.read(buf, 0, CHUNK, null);
          if (n === 0) break;
          await put(buf.subarray(0, n));
        }
      } finally {
        await partner.close();
      }
    }
    const digest = hash.digest();
    hooks.beforeChunk?.(written);
    await out.write(digest);
    written += digest.length;
    await out.sync();
    await out.close();
    return { bytes: written, checksum: digest };
  } catch (err) {
    await out.close().catch(() => {
      // already closed, or the drive has gone
    });
    rmSync(target, { force: true });
    throw err;
  }
}

// ---- reading ----------------------------------------------------------------------------------

export interface OpenedBackupFile {
  file: string;
  size: number;
  header: BackupHeader;
  headerEnd: number;
}

/** Reads and checks the header. Says which of "not a backup", "incomplete" or "damaged" applies; never needs the key. */
export function readHeader(file: string): OpenedBackupFile {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw fileError('That is a folder. Choose the backup file inside it.');
    throw fileError('The program could not open that file. Check the name, and that the drive is plugged in.');
  }
  try {
    const stat = fstatSync(fd);
    // Linux opens a folder for reading without complaint; EISDIR would come only at the first read.
    if (stat.isDirectory()) throw fileError('That is a folder. Choose the backup file inside it.');
    const size = stat.size;
    const start = Buffer.alloc(MAGIC.length + 4);
    const got = readSync(fd, start, 0, start.length, 0);
    if (got < MAGIC.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw fileError(NOT_A_BACKUP);
    if (got < start.length) throw fileError(TRUNCATED);
    const headerLength = start.readUInt32BE(MAGIC.length);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw fileError(DAMAGED);
    const headerEnd = start.length + headerLength;
    if (size < headerEnd) throw fileError(TRUNCATED);
    const headerBytes = Buffer.alloc(headerLength);
    readSync(fd, headerBytes, 0, headerLength, start.length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw fileError(DAMAGED);
    }
    const result = headerSchema.safeParse(parsed);
    if (!result.success) {
      const format = (parsed as { format?: unknown } | null)?.format;
      if (typeof format === 'number' && format > FORMAT_VERSION)
        throw newerError((parsed as { appVersion?: unknown }).appVersion);
      throw fileError(DAMAGED);
    }
    const header = result.data;
    if (header.format > FORMAT_VERSION) throw newerError(header.appVersion);
    const expected = headerEnd + header.databaseBytes + (header.partnerBytes ?? 0) + CHECKSUM_BYTES;
    if (size < expected) throw fileError(TRUNCATED);
    if (size > expected) throw fileError(DAMAGED);
    return { file, size, header, headerEnd };
  } finally {
    closeSync(fd);
  }
}

export function newerError(appVersion: unknown): AppError {
  const version =
    typeof appVersion === 'string' && /^[0-9A-Za-z.+-]{1,40}$/.test(appVersion) ? ` (version ${appVersion})` : '';
  return new AppError(
    'NEWER_DATABASE',
    `This backup was made by a newer version of the program${version} than the one on this computer. Install that version or a later one, then restore. Nothing has been changed.`,
    { fields: { file: 'Made by a newer version of the program' } },
  );
}

/**
 * Reads the whole file once: checks the checksum and, when `extractTo` is given,
 * writes the database part there. On a checksum mismatch the extracted copy is
 * removed and the file reported damaged. `expected`, when given, is the checksum
 * computed as the file was written: equal, the file holds exactly those bytes.
 */
export async function checkAndExtract(
  opened: OpenedBackupFile,
  extractTo: string | null,
  onProgress: (done: number, total: number) => void,
  expected?: Buffer,
  partnerExtractTo: string | null = null,
): Promise<void> {
  const fd = await open(opened.file, 'r');
  // The partner part (if any) follows the database part; each goes to its own file.
  const partnerStart = opened.headerEnd + opened.header.databaseBytes;
  const partnerOut = partnerExtractTo && opened.header.partnerBytes ? await open(partnerExtractTo, 'wx', 0o600) : null;
  const out = extractTo ? await open(extractTo, 'wx', 0o600).catch(async (err: unknown) => {
    await fd.close();
    throw err;
  }) : null;
  const hash = createHash('sha256');
  const bodyEnd = opened.size - CHECKSUM_BYTES;
  const dbStart = opened.headerEnd;
  let ok = false;
  try {
    const buf = Buffer.alloc(CHUNK);
    let position = 0;
    while (position < bodyEnd) {
      const { bytesRead: n } = await fd.read(buf, 0, Math.min(CHUNK, bodyEnd - position), position);
      if (n === 0) throw fileError(TRUNCATED);
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      const copyOut = async (target: typeof out, start: number, end: number) => {
        if (target === null || position + n <= start || position >= end) return;
        const part = chunk.subarray(Math.max(0, start - position), Math.min(n, end - position));
        let offset = 0;
        while (offset < part.length) offset += (await target.write(part, offset, part.length - offset)).bytesWritten;
      };
      await copyOut(out, dbStart, partnerStart);
      await copyOut(partnerOut, partnerStart, bodyEnd);
      position += n;
      onProgress(position, bodyEnd);
    }
    const stored = Buffer.alloc(CHECKSUM_BYTES);
    await fd.read(stored, 0, CHECKSUM_BYTES, bodyEnd);
    const digest = hash.digest();
    if (!digest.equals(stored) || (expected && !digest.equals(expected))) throw fileError(DAMAGED);
    ok = true;
  } finally {
    await fd.close();
    if (out !== null) await out.close();
    if (partnerOut !== null) await partnerOut.close();
    if (!ok && extractTo) rmSync(extractTo, { force: true });
    if (!ok && partnerExtractTo) rmSync(partnerExtractTo, { force: true });
  }
}
