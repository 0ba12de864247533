/**
 * The safety copy made before a migration changes the database: an SQLCipher
 * copy under the same key, beside the database, removed once the program has
 * started successfully. If a migration goes wrong, the copy is the database as
 * it was (rename it to case.db to go back).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { RawConnection } from './driver';

export const safetyCopyFile = (databaseFile: string) => `${databaseFile}.before-update`;

/** Copies the database before a migration. An older safety copy is kept: it is from before the first attempt. */
export async function makeSafetyCopy(raw: RawConnection, databaseFile: string, key: Buffer): Promise<string> {
  const target = safetyCopyFile(databaseFile);
  if (existsSync(target)) return target;
  const temp = `${target}.partial`;
  rmSync(temp, { force: true });
  await raw.attach(temp, 'safety', key);
  try {
    await raw.exportInto('safety');
  } finally {
    await raw.exec('DETACH DATABASE safety;');
  }
  renameSync(temp, target);
  return target;
}

export function removeSafetyCopy(databaseFile: string): void {
  rmSync(safetyCopyFile(databaseFile), { force: true });
}
