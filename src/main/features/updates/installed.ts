/**
 * What is remembered across the restart an install needs, in the data folder
 * (`updates/`), with no personal data: the versions, the release notes and the
 * staff id of who installed it (an id, not a name).
 * - `installing.json` is written just before the installer runs;
 * - at the next start, if the program now runs that version, it becomes
 *   `last-installed.json` (shown on the Updates page) and the audit log
 *   records who updated from what to what (written at the next log-in, when
 *   the database is open); otherwise the install did not happen: `install-failed.json`
 *   says so on the Updates page and the audit entry's outcome is `failed`.
 * The installer failing while the program still runs is finished the same way at once.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateStatus } from '../../../shared/features/updates';
import type { AuditInput } from '../../audit/audit';
import { dropIncoming } from './copy-installer';

export interface InstallRecord {
  fromVersion: string;
  toVersion: string;
  notes: string;
  keyId: string;
  staffId: string | null;
  role: string | null;
  startedAt: string;
}

type LastInstalled = NonNullable<UpdateStatus['lastInstalled']>;

const folderOf = (dataDir: string) => join(dataDir, 'updates');
const INSTALLING = 'installing.json';
const LAST = 'last-installed.json';
const FAILED = 'install-failed.json';

type LastFailed = NonNullable<UpdateStatus['lastFailed']>;

function writeJson(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export function recordInstalling(dataDir: string, record: InstallRecord): void {
  mkdirSync(folderOf(dataDir), { recursive: true, mode: 0o700 });
  writeJson(join(folderOf(dataDir), INSTALLING), record);
}

export function readLastInstalled(dataDir: string): LastInstalled | null {
  return readJson<LastInstalled>(join(folderOf(dataDir), LAST));
}

export function readLastFailed(dataDir: string): LastFailed | null {
  return readJson<LastFailed>(join(folderOf(dataDir), FAILED));
}

/**
 * Called once at start. Returns the audit entry to write (the caller queues it
 * for the next log-in), or null when no install was waiting.
 */
export function finishInstall(dataDir: string, running: string, now: Date): AuditInput | null {
  const file = join(folderOf(dataDir), INSTALLING);
  const record = readJson<InstallRecord>(file);
  if (!record) return null;
  rmSync(file, { force: true });
  dropIncoming(dataDir);
  const installed = record.toVersion === running;
  if (!installed) writeJson(join(folderOf(dataDir), FAILED), { toVersion: record.toVersion, failedAt: now.toISOString() });
  if (installed) {
    rmSync(join(folderOf(dataDir), FAILED), { force: true });
    const last: LastInstalled = {
      fromVersion: record.fromVersion,
      toVersion: record.toVersion,
      installedAt: now.toISOString(),
      notes: record.notes,
      verified: true,
    };
    writeJson(join(folderOf(dataDir), LAST), last);
  }
  return {
    at: now.toISOString(),
    actorId: record.staffId,
    actorRole: record.role,
    action: 'updates.installed',
    route: null,
    outcome: installed ? 'ok' : 'failed',
    subjectType: 'program',
    detail: { fromVersion: record.fromVersion, toVersion: record.toVersion, running, keyId: record.keyId },
  };
}
