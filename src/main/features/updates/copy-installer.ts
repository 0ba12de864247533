/**
 * Copies the installer from the stick into the program's own folder
 * (`<data folder>/updates/incoming`) and takes its SHA-512 on the bytes
 * written there, in the same pass, so the copy is never read twice and the
 * stick is never trusted after the copy: what is installed is the copy, and
 * the copy is what was hashed. Size is checked before (the file on the stick),
 * during (never more than the signed size is copied) and after.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  const hash = createHash('sha512');
  let done = 0;
  let lastReport = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      done += chunk.length;
      if (done > installer.size) {
        next(new UpdateRefused('SIZE_MISMATCH'));
        return;
      }
      try {
        hooks.afterChunk?.(done, source);
      } catch (err) {
        next(err as Error);
        return;
      }
      hash.update(chunk);
      if (done - lastReport >= 1024 * 1024 || done === installer.size) {
        lastReport = done;
        progress(done, installer.size);
      }
      next(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(source, { highWaterMark: 1024 * 1024 }),
      tap,
      createWriteStream(destination, { mode: 0o600, flush: true }),
    );
    // Short: the stick went away or the file on it shrank while it was read.
    if (done !== installer.size) throw new UpdateRefused('STICK_REMOVED');
    if (statSync(destination).size !== installer.size) throw new UpdateRefused('STICK_REMOVED');
    if (hash.digest('hex') !== installer.sha512) throw new UpdateRefused('HASH_MISMATCH');
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

/** Removes the copy (after a refusal, or once installed). */
export function dropIncoming(dataDir: string): void {
  rmSync(incomingFolder(dataDir), { recursive: true, force: true });
}
