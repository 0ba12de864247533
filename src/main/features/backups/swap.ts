/**
 * Putting a restored database in place so that a crash at any moment leaves
 * either the old database or the new one, whole, with its own keyring:
 *
 * 1. `restore-old/manifest.json` lists which live files exist (synced).
 * 2. The live files move into `restore-old/`.
 * 3. The new database and keyring move from `restore-new/` into place.
 * 4. `restore-old/committed` is written: from here the restore has happened.
 * 5. `restore-old/` and `restore-new/` are removed.
 *
 * At the next start, `finishInterruptedRestore` rolls back anything that
 * stopped before step 4 (every old file goes back, every new one goes) and
 * tidies up after anything that stopped later. Renames stay inside the data
 * folder, so each is atomic.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../vault/files';
import { log } from '../../log';

export const LIVE_FILES = [
  'case.db',
  'case.db-wal',
  'case.db-shm',
  'case.db-journal',
  'partner.db',
  'partner.db-wal',
  'partner.db-shm',
  'partner.db-journal',
  'keyring.json',
  'keyring.next.json',
  'audit-anchor.json',
  'partner-audit-anchor.json',
] as const;
export const NEW_DIR = 'restore-new';
export const OLD_DIR = 'restore-old';
/** where a backup is unpacked and checked before anything live is touched */
export const WORK_DIR = 'restore-work';

export type SwapStep = 'manifest' | 'moved-old' | 'moved-new' | 'committed';

export interface SwapHooks {
  /** called after each step (tests stop here to act out a crash) */
  after?: (step: SwapStep) => void;
}

export function swapIn(dataDir: string, hooks: SwapHooks = {}): void {
  const oldDir = join(dataDir, OLD_DIR);
  const newDir = join(dataDir, NEW_DIR);
  rmSync(oldDir, { recursive: true, force: true });
  mkdirSync(oldDir, { mode: 0o700 });
  const had = LIVE_FILES.filter((name) => existsSync(join(dataDir, name)));
  writeFileAtomic(join(oldDir, 'manifest.json'), JSON.stringify({ had }));
  hooks.after?.('manifest');
  for (const name of had) renameSync(join(dataDir, name), join(oldDir, name));
  hooks.after?.('moved-old');
  for (const name of LIVE_FILES) {
    if (existsSync(join(newDir, name))) renameSync(join(newDir, name), join(dataDir, name));
  }
  syncFolder(dataDir); // the renames reach the disk before the commit mark does
  hooks.after?.('moved-new');
  writeFileAtomic(join(oldDir, 'committed'), 'yes');
  hooks.after?.('committed');
  rmSync(oldDir, { recursive: true, force: true });
  rmSync(newDir, { recursive: true, force: true });
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; its renames are still atomic.
  }
}

/** Puts the old files back after a swap that did not reach its commit. */
export function rollBack(dataDir: string): void {
  const oldDir = join(dataDir, OLD_DIR);
  let had: string[] | null;
  try {
    had = (JSON.parse(readFileSync(join(oldDir, 'manifest.json'), 'utf8')) as { had: string[] }).had;
  } catch {
    had = null; // the swap stopped before the manifest was whole: nothing live had moved
  }
  if (had) {
    for (const name of LIVE_FILES) {
      const kept = join(oldDir, name);
      if (existsSync(kept)) renameSync(kept, join(dataDir, name));
      else if (!had.includes(name)) rmSync(join(dataDir, name), { force: true });
      // else: it never moved, so the live one is still the old one
    }
  }
  rmSync(oldDir, { recursive: true, force: true });
  rmSync(join(dataDir, NEW_DIR), { recursive: true, force: true });
}

/** Run at every start, before anything opens the database. Returns what it did (for the log and the tests). */
export function finishInterruptedRestore(dataDir: string): 'none' | 'rolled-back' | 'completed' {
  const oldDir = join(dataDir, OLD_DIR);
  let outcome: 'none' | 'rolled-back' | 'completed' = 'none';
  if (existsSync(oldDir)) {
    if (existsSync(join(oldDir, 'committed'))) {
      outcome = 'completed';
      rmSync(oldDir, { recursive: true, force: true });
    } else {
      outcome = 'rolled-back';
      rollBack(dataDir);
    }
  }
  for (const dir of [NEW_DIR, WORK_DIR, 'backup-work']) rmSync(join(dataDir, dir), { recursive: true, force: true });
  if (outcome !== 'none')
    log.info(`an interrupted restore was found at start and ${outcome === 'completed' ? 'finished' : 'undone'}`);
  return outcome;
}

/** Where a restore from the problem screen keeps the files it could not open, so they can still be looked at or put back. */
export const KEPT_PREFIX = 'kept-before-restore-';

/** Copies the live files aside (the swap then replaces them as usual), in a folder named by `now` (the back end's clock). Returns the folder's name, or null when there was nothing. */
export function keepUnopenedFiles(dataDir: string, now: Date): string | null {
  const had = LIVE_FILES.filter((name) => existsSync(join(dataDir, name)));
  if (had.length === 0) return null;
  const name = `${KEPT_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}`;
  mkdirSync(join(dataDir, name), { mode: 0o700 });
  for (const file of had) copyFileSync(join(dataDir, file), join(dataDir, name, file));
  syncFolder(join(dataDir, name));
  return name;
}
