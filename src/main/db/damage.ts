/**
 * Telling a damaged database file from a wrong key. The vault has already proved the key (a
 * password or the recovery key unwrapped it), so a file that will not open with it, or that fails
 * a page check while logging in, is damaged or is not this installation's. Such a file is never
 * written to: the program goes to the problem screen, where a restore keeps it aside untouched.
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';

/** SQLCipher 4's page size: an encrypted file is always a whole number of pages. */
const PAGE_BYTES = 4096;

export const DAMAGED_DATABASE =
  'The database file (case.db) in the data folder is damaged, or is not this installation’s, so the records cannot be opened. Nothing has been changed and the file has not been written to. Restore the newest backup with the backup passphrase or the recovery key: the files that could not be opened are kept aside in the data folder first.';

/** What is wrong with the file that can be seen without a key, or null when nothing shows. */
export function databaseFileProblem(file: string): string | null {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return null; // missing: said elsewhere
  }
  if (size === 0) {
    return 'The database file (case.db) in the data folder is empty (0 bytes): its contents have been lost, for example when the disk filled up or the power went. Nothing has been changed, and the program will not replace it with a new empty database. Restore the newest backup with the backup passphrase or the recovery key: the empty file is kept aside in the data folder first.';
  }
  const head = Buffer.alloc(16);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return DAMAGED_DATABASE;
  }
  if (head.toString('latin1') === 'SQLite format 3\u0000') {
    return 'The database file (case.db) in the data folder is not encrypted, so it is not one this program made: it may have been replaced by another file. Nothing has been changed. Put the right file back, or restore the newest backup with the backup passphrase or the recovery key: the file found is kept aside in the data folder first.';
  }
  if (size % PAGE_BYTES !== 0) return DAMAGED_DATABASE;
  return null;
}

/** SQLite's and SQLCipher's ways of saying a page or the file is not what it should be. */
export function isDamageError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    /file is not a database|database disk image is malformed|HMAC/i.test(message)
  );
}
