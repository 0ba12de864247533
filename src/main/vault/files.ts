import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes a file so that it is either the old content or the new, never half of each: temp file, fsync, rename, fsync the folder. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    // A full disk (or any failure) leaves the old file as it was and no half-written temp file behind.
    try {
      rmSync(temp, { force: true });
    } catch {
      // the original error is the one to report
    }
    throw err;
  }
  try {
    const dir = openSync(dirname(file), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  }
}

/** Temp files left by a program killed mid-write (`keyring.json.<pid>.tmp` and the like); removed at start. */
const LEFTOVER = /^(keyring\.json|keyring\.next\.json|login-throttle\.json|backup-throttle\.json|audit-anchor\.json)\.\d+\.tmp$/;

export function removeLeftoverTempFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!LEFTOVER.test(name)) continue;
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // tried again at the next start
    }
  }
}
