/**
 * The organisation's name, readable before anyone logs in (issue 16, item 8),
 * so the log-in screen can say whose program this is. The database is
 * encrypted and opens only at log-in, so the name is kept again in a small
 * plain file in the data folder, `organisation.json`. It holds the name only:
 * the name is printed on every letter the charity sends and is already in
 * each backup's plain header, so it reveals nothing about the people the
 * charity works with. Address, telephone and everything else stay in the
 * encrypted database.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'organisation.json';
const MAX = 200;

export function readOrganisationName(dataDir: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as unknown;
    const name = (parsed as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() && name.length <= MAX ? name.trim() : null;
  } catch {
    return null; // absent or damaged: the log-in screen simply does not show a name
  }
}

/** Keeps the file in step with the settings; written whole and renamed, so it is never half written. */
export function writeOrganisationName(dataDir: string, name: string): void {
  const clean = name.trim().slice(0, MAX);
  if (readOrganisationName(dataDir) === (clean || null)) return;
  const path = join(dataDir, FILE);
  try {
    writeFileSync(`${path}.tmp`, JSON.stringify({ name: clean }), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  } catch {
    // A read-only data folder only costs the name on the log-in screen; the settings are saved regardless.
  }
}
