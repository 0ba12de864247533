/**
 * The highest version of the program this data folder has ever run, kept in
 * the data folder itself (`highest-version.json`), so reinstalling an older
 * build cannot then be "updated" to a version older than what last touched
 * the records. Recorded each time the back end starts; only ever raised.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { higherVersion, isVersion } from './versions';

export const HIGHEST_VERSION_FILE = 'highest-version.json';

/** The recorded version, or null when none is recorded (or the file is unreadable). */
export function readHighestVersion(dataDir: string): string | null {
  try {
    const value = (JSON.parse(readFileSync(join(dataDir, HIGHEST_VERSION_FILE), 'utf8')) as { version?: unknown }).version;
    return typeof value === 'string' && isVersion(value) ? value : null;
  } catch {
    return null;
  }
}

/** The highest of the recorded version and `running` (what the checks compare against). */
export function highestVersionRun(dataDir: string, running: string): string {
  const recorded = readHighestVersion(dataDir);
  return recorded ? higherVersion(recorded, running) : running;
}

/** Raises the record to `running` if it is higher; never lowers it. A data folder not made yet holds nothing to protect. */
export function recordVersionRun(dataDir: string, running: string): void {
  if (!existsSync(dataDir)) return;
  const highest = highestVersionRun(dataDir, running);
  if (readHighestVersion(dataDir) === highest) return;
  const file = join(dataDir, HIGHEST_VERSION_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ version: highest })}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
