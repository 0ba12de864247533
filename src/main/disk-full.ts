/**
 * This computer's disk full, in whatever words the layer below uses: Node's ENOSPC/EDQUOT, SQLite's
 * SQLITE_FULL, and SQLCipher's sqlcipher_export, which reports the same condition as a plain
 * SQLITE_ERROR with the message "database or disk is full".
 */
export function isDiskFull(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || /database or disk is full/i.test(message);
}

export const DISK_FULL_MESSAGE =
  "This computer's disk is full, so nothing was saved. Free some space on this computer (or ask whoever looks after it), then try again.";
