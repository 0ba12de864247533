/**
 * Copies the installer from the stick into the program's own folder
 * (`<data folder>/updates/incoming`) and takes its SHA-512 on the bytes
 * written there, in the same pass, so the copy is never read twice and the
 * stick is never trusted after the copy: what is installed is the copy, and
 * the copy is what was hashed (and is checked once more just before it runs). Size is checked before (the file on the stick),
 * during (never more than the signed size is copied) and after.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstallerEntry } from './manifest';
import { UpdateRefused } from './messages';

export interface CopyHooks {
  /** tests: called after each chunk is read from the stick (to pull the stick out, or fill the disk) */
  afterChunk?: (bytesDone: number, source: string) => void;
  /** tests: the free space on this computer, instead of asking the file system */
  freeBytes?: () => number;
}

/** Room kept free beyond the installer, so the copy never fills the disk the database lives on. */
export const SPARE_BYTES = 64 * 1024 * 1024;

export function incomingFolder(dataDir: string): string {
  return join(dataDir, 'updates', 'incoming');
}

function freeBytesAt(folder: string): number {
  const s = statfsSync(folder);
  return Number(s.bavail) * Number(s.bsize);
}

const STICK_GONE = new Set(['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ENOTDIR', 'ESTALE', 'EBADF']);
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * Returns the path of the checked copy. On any failure the partial copy is
 * removed and UpdateRefused says why (the stick, the disk, the size, the hash).
 */
export async function copyInstaller(
  folder: string,
  dataDir: string,
  installer: InstallerEntry,
  progress: (bytesDone: number, total: number) => void = () => {},
  hooks: CopyHooks = {},
): Promise<string> {
  const source = join(folder, installer.file);
  let size: number;
  try {
    const s = statSync(source);
    if (!s.isFile()) throw new UpdateRefused('INSTALLER_MISSING');
    size = s.size;
  } catch (err) {
    if (err instanceof UpdateRefused) throw err;
    throw new UpdateRefused('INSTALLER_MISSING');
  }
  if (size !== installer.size) throw new UpdateRefused('SIZE_MISMATCH');

  const target = incomingFolder(dataDir);
  rmSync(target, { recursive: true, force: true }); // one update at a time: leftovers of an earlier try go
  try {
    mkdirSync(target, { recursive: true, mode: 0o700 });
  } catch (err) {
    if (DISK_FULL.has((err as NodeJS.ErrnoException).code ?? '')) throw new UpdateRefused('DISK_FULL');
    throw err;
  }
  if ((hooks.freeBytes ?? (() => freeBytesAt(target)))() < installer.size + SPARE_BYTES) {
    throw new UpdateRefused('DISK_FULL');
  }

  const destination = join(target, installer.file);
  try {
    const sha512 = await copyAndHash(source, destination, installer.size, progress, hooks);
    if (statSync(destination).size !== installer.size) throw new UpdateRefused('STICK_REMOVED');
    if (sha512 !== installer.sha512) throw new UpdateRefused('HASH_MISMATCH');
    return destination;
  } catch (err) {
    rmSync(target, { recursive: true, force: true });
    if (err instanceof UpdateRefused) throw err;
    const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
    if (DISK_FULL.has(code)) throw new UpdateRefused('DISK_FULL');
    if (STICK_GONE.has(code)) throw new UpdateRefused('STICK_REMOVED');
    throw err;
  }
}

const CHUNK = 1024 * 1024;

/** A write may be partial (a disk filling up); the rest is written, or the next try fails with ENOSPC. */
async function writeAll(file: FileHandle, chunk: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < chunk.length) {
    const { bytesWritten } = await file.write(chunk, written, chunk.length - written, position + written);
    if (bytesWritten === 0) throw Object.assign(new Error('nothing written'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}

/**
 * One pass, two buffers: while one chunk is written (on libuv's threads) and
 * hashed (here), the next is read from the stick. The hash is of exactly the
 * bytes written; a buffer is refilled only after its write has finished.
 * Stops at the first chunk that goes past `size` (a file that grew on the stick).
 */
async function copyAndHash(
  source: string,
  destination: string,
  size: number,
  progress: (bytesDone: number, total: number) => void,
  hooks: CopyHooks,
): Promise<string> {
  const hash = createHash('sha512');
  const input = await open(source, 'r');
  try {
    const output = await open(destination, 'wx', 0o600);
    try {
      const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
      let which = 0;
      let done = 0;
      let lastReport = 0;
      let reading = input.read(buffers[0]!, 0, CHUNK, 0);
      let writing: Promise<unknown> = Promise.resolve();
      try {
        for (;;) {
          const { bytesRead } = await reading;
          if (bytesRead === 0) break;
          const chunk = buffers[which]!.subarray(0, bytesRead);
          done += bytesRead;
          if (done > size) throw new UpdateRefused('SIZE_MISMATCH');
          hooks.afterChunk?.(done, source);
          which ^= 1;
          await writing; // the other buffer's write has finished: it may be read into again
          reading = input.read(buffers[which]!, 0, CHUNK, done);
          writing = writeAll(output, chunk, done - bytesRead);
          hash.update(chunk);
          if (done - lastReport >= CHUNK || done === size) {
            lastReport = done;
            progress(done, size);
          }
        }
        await writing;
      } catch (err) {
        // Nothing is left running on the files when they are closed and removed.
        await Promise.allSettled([reading, writing]);
        throw err;
      }
      // Short: the stick went away or the file on it shrank while it was read.
      if (done !== size) throw new UpdateRefused('STICK_REMOVED');
      await output.sync();
      return hash.digest('hex');
    } finally {
      await output.close().catch(() => undefined);
    }
  } finally {
    await input.close().catch(() => undefined);
  }
}

/** Removes the copy (after a refusal, or once installed). */
export function dropIncoming(dataDir: string): void {
  rmSync(incomingFolder(dataDir), { recursive: true, force: true });
}
