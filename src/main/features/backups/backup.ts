/**
 * Making a backup: an SQLCipher copy under a fresh backup key (in the data
 * folder, encrypted), opened with that key and checked (SQLite's quick check,
 * SQLCipher's check of every page, row counts equal to the live database),
 * written with its header and checksum to a temporary name on the drive, read
 * back from the drive in full against the checksum taken while writing (so the
 * drive holds exactly the copy that passed), then renamed. Older backups on the
 * drive are deleted only after that. The live database is only read.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { todayInLondon } from '../../../shared/dates';
import { BACKUP_EXTENSION } from '../../../shared/features/backups';
import { AppError } from '../../app-error';
import { APP_VERSION } from '../../app-version';
import { appendAudit } from '../../audit/audit';
import type { Backend } from '../../backend';
import { isDiskFull } from '../../disk-full';
import { readSettings } from '../settings/service';
import { sameCounts, type TableCounts } from './copy';
import { runCopyTask } from './copy-task';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync as fileExists } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { isPartnerAttached, partnerFileOf } from '../../db/partner-file';
import { checkAndExtract, headerAad, readHeader, writeBackupFile, type BackupHeader, type WriteHooks } from './format';
import type { JobControl } from './jobs';
import { encryptJson, keyringAad, sealBackupKey } from './keys';
import { readBackupSettings, readPassphraseKey, recordVerifiedBackup, refreshBackupReminder } from './store';

export interface BackupSummary {
  counts: { participants: number; partners: number; sessions: number; staff: number };
  tables: TableCounts;
}

export interface BackupOptions {
  now?: Date;
  hooks?: WriteHooks;
}

export interface BackupResult {
  fileName: string;
  file: string;
  sizeBytes: number;
  deleted: string[];
}

export const READ_BACK_FAILED =
  'The backup read back from the drive was not the same as what was written, so it has been removed. The drive may be failing, or was removed: try again, or use another drive. The database has not been changed.';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `<ShortName>-<yyyy-mm-dd>-<hhmm>.dvppbak`: the organisation and the date, nothing about anyone. */
export function backupFileName(shortName: string, now: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .replace(':', '');
  return `${shortName}-${todayInLondon(now)}-${time}${BACKUP_EXTENSION}`;
}

export const backupNamePattern = (shortName: string) =>
  new RegExp(`^${escapeRegExp(shortName)}-\\d{4}-\\d{2}-\\d{2}-\\d{4}(-\\d+)?${escapeRegExp(BACKUP_EXTENSION)}$`);

export function summaryCounts(tables: TableCounts): BackupSummary['counts'] {
  return {
    participants: tables.participants ?? 0,
    partners: tables.partners ?? 0,
    sessions: tables.sessions ?? 0,
    staff: tables.staff ?? 0,
  };
}

/** Set on the error when the partial file could not be removed (the drive turned read-only, or went away part-way). */
const PARTIAL_LEFT = Symbol('partial file left on the drive');

/** Removes the partial file; on failure marks the original error (which stays the one reported). */
function removePartial(tempPath: string, err: unknown): void {
  try {
    rmSync(tempPath, { force: true });
  } catch {
    if (err && typeof err === 'object') (err as Record<symbol, string>)[PARTIAL_LEFT] = tempPath.split(/[\\/]/).pop() ?? '';
  }
}

/** Plain words for what went wrong with the drive; never a path with a person's name in it. */
export function describeDriveError(err: unknown): string {
  const left = err && typeof err === 'object' ? (err as Record<symbol, string | undefined>)[PARTIAL_LEFT] : undefined;
  const leftNote = left
    ? `The unfinished file (${left}) could not be removed from the drive: delete it once the drive works again. The database has not been changed.`
    : null;
  if (err instanceof AppError) return leftNote ? `${err.message.replace(/,? so it has been removed\./, '.')} ${leftNote}` : err.message;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const tail = leftNote ?? 'The partial backup file has been removed and the database has not been changed.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `The drive is full, so the backup could not be written. Free some space on it, or use a bigger drive. ${tail}`;
    case 'ENOENT':
    case 'EIO':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOTDIR':
      return `The drive was removed, or stopped answering, while the backup was written. Plug it back in and try again. ${tail}`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `The program is not allowed to write to that folder (the drive may be locked or read-only). Choose another folder. ${tail}`;
    default:
      return `The backup could not be written to the drive. Try again, or try another drive. ${tail}`;
  }
}

export const COMPUTER_FULL =
  "This computer's own disk is full, so the backup could not be prepared (the backup drive was not the problem). Free some space on this computer, then try again. The database has not been changed.";

/** Work done in the data folder: a full disk there is this computer's, and must not be blamed on the drive. */
async function onThisComputer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // sqlcipher_export says "database or disk is full" under a plain SQLITE_ERROR: isDiskFull knows every form.
    if (isDiskFull(err)) throw new AppError('INTERNAL', COMPUTER_FULL);
    throw err;
  }
}

/**
 * A backup cut short by the program being killed (or the power going) leaves its
 * `.partial` file on the drive. Only one backup runs at a time, so any of this
 * organisation's partial files found when the next one starts are leftovers.
 */
function removeLeftovers(folder: string, shortName: string): void {
  const partial = new RegExp(backupNamePattern(shortName).source.replace(/\$$/, '\\.partial$'));
  for (const name of readdirSync(folder)) {
    if (!partial.test(name)) continue;
    try {
      rmSync(join(folder, name), { force: true });
    } catch {
      // left for the next backup to try again
    }
  }
}

export function checkFolder(folder: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new AppError(
      'VALIDATION',
      'That folder could not be found. Check that the drive is plugged in and the folder exists.',
      {
        fields: { folder: 'Folder not found' },
      },
    );
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new AppError('VALIDATION', 'The program is not allowed to write to that folder. Choose another one.', {
      fields: { folder: 'Cannot write here' },
    });
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  }
}

function freeName(folder: string, name: string): string {
  let candidate = name;
  for (let n = 2; existsIn(folder, candidate); n++)
    candidate = name.replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`);
  return candidate;
}

function existsIn(folder: string, name: string): boolean {
  try {
    statSync(join(folder, name));
    return true;
  } catch {
    return false;
  }
}

/** Makes one verified backup in `folder`. Used by the `backups.start` job, the tests and the benchmark. */
/**
 * A byte copy of the partner file for the backup. One person is logged in at a time, so in an
 * administrator's session it is closed and was checkpointed when its last user logged out; in a
 * holder's session it is checkpointed first. The copy is checked by checksum against the file,
 * before and after, so a file that changed under the copy is never backed up half old, half new.
 */
/**
 * A file's SHA-256, read a megabyte at a time: the partner file is tens of megabytes on ten years'
 * data, and reading and hashing it in one go held the main thread (and so the window) for over 200 ms.
 */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function copyPartnerFile(backend: Backend, workDir: string): Promise<string | null> {
  const source = partnerFileOf(backend.databaseFile);
  if (!fileExists(source)) return null;
  const opened = backend.opened!;
  await opened.db.connection().execute(async () => {
    if (await isPartnerAttached(opened.raw)) await opened.raw.all('PRAGMA partner.wal_checkpoint(TRUNCATE)');
  });
  const target = join(workDir, 'partner.db');
  const before = await sha256Of(source);
  await copyFile(source, target);
  if ((await sha256Of(target)) !== before || (await sha256Of(source)) !== before) {
    throw new AppError('CONFLICT', 'The partner records changed while the backup was copying them. Nothing was saved. Try again.');
  }
  return target;
}

export async function makeBackup(
  backend: Backend,
  folder: string,
  control: JobControl,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const db = backend.requireDb();
  const session = backend.session;
  // The file name's date and time are the back end's clock (a test fixes it), unless the caller names them.
  const now = options.now ?? new Date(backend.now());
  checkFolder(folder);
  const passphraseKey = await readPassphraseKey(db);
  if (!passphraseKey) {
    throw new AppError('VALIDATION', 'Set a backup passphrase first (in Settings, then Backups).', {
      fields: { passphrase: 'Not set yet' },
    });
  }
  const { organisation } = await readSettings(db);
  const { keep } = await readBackupSettings(db);
  const databaseId = (
    await db.selectFrom('meta').select('value').where('key', '=', 'database_id').executeTakeFirstOrThrow()
  ).value;
  const schemaVersion = (await sql<{ name: string }>`select max(name) as name from schema_migrations`.execute(db))
    .rows[0]!.name;
  const keyring = backend.vault.read();
  const recovery = keyring.entries.find((e) => e.kind === 'recovery') ?? null;

  const workDir = join(backend.options.dataDir, 'backup-work');
  rmSync(workDir, { recursive: true, force: true });
  await onThisComputer(async () => mkdirSync(workDir, { recursive: true, mode: 0o700 }));
  const copyFile = join(workDir, 'copy.db');
  const fileName = freeName(folder, backupFileName(organisation.shortName, now));
  const finalPath = join(folder, fileName);
  const tempPath = `${finalPath}.partial`;
  const backupKey = randomBytes(32);

  try {
    removeLeftovers(folder, organisation.shortName);
    control.progress('copying', 2);
    // On a worker thread with its own connection: the window's calls go on meanwhile.
    const opened = backend.opened!;
    const liveCounts = await onThisComputer(async () => {
      options.hooks?.duringCopy?.();
      return runCopyTask({
        kind: 'export',
        databaseFile: backend.databaseFile,
        databaseKey: opened.key,
        copyFile,
        copyKey: backupKey,
        pageLimit: options.hooks?.copyPageLimit,
      });
    });
    // The copy is checked here, before it goes to the drive; the read-back below then proves the
    // drive holds exactly these bytes, so checking a second, extracted copy would find nothing new.
    control.progress('checking', 35);
    const copyCounts = await runCopyTask({ kind: 'check', copyFile, copyKey: backupKey, thorough: false });
    if (!sameCounts(copyCounts, liveCounts)) {
      throw new AppError(
        'INTERNAL',
        'The backup did not hold the same records as the database, so it has been removed. Try again.',
      );
    }
    // The partner file goes in as its bytes, still under the partner key: the administrator making the backup never has that key.
    const partnerCopy = await copyPartnerFile(backend, workDir);
    const base: Omit<BackupHeader, 'summary'> = {
      format: 1,
      createdAt: now.toISOString(),
      appVersion: APP_VERSION,
      schemaVersion,
      databaseId,
      organisation: { name: organisation.name, shortName: organisation.shortName },
      databaseBytes: statSync(copyFile).size,
      ...(partnerCopy ? { partnerBytes: statSync(partnerCopy).size } : {}),
      slots: sealBackupKey(backupKey, databaseId, passphraseKey, recovery),
      keyring: encryptJson(backupKey, keyring, keyringAad(databaseId)),
    };
    const summary: BackupSummary = { counts: summaryCounts(liveCounts), tables: liveCounts };
    const header: BackupHeader = { ...base, summary: encryptJson(backupKey, summary, headerAad(base)) };

    control.progress('writing', 55);
    const written = await writeBackupFile(
      tempPath,
      header,
      copyFile,
      (done, total) => control.progress('writing', 55 + (30 * done) / total),
      options.hooks,
      partnerCopy,
    );
    const sizeBytes = written.bytes;
    options.hooks?.afterWrite?.(tempPath);

    // Read back from the drive the way a restore will: its header, and every byte against the checksum taken while writing.
    control.progress('checking', 85);
    statSync(tempPath); // the drive pulled out: ENOENT here, said in plain words by describeDriveError
    try {
      await checkAndExtract(
        readHeader(tempPath),
        null,
        (done, total) => control.progress('checking', 85 + (10 * done) / total),
        written.checksum,
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError('INTERNAL', READ_BACK_FAILED);
    }
    control.progress('finishing', 95);
    renameSync(tempPath, finalPath);
    syncFolder(folder);

    // Only now that the new one is safe: keep the newest `keep` backups of this organisation on the drive.
    const pattern = backupNamePattern(organisation.shortName);
    const ours = readdirSync(folder)
      .filter((name) => pattern.test(name))
      .sort()
      .reverse();
    const deleted: string[] = [];
    for (const old of ours.filter((name) => name !== fileName).slice(Math.max(0, keep - 1))) {
      rmSync(join(folder, old), { force: true });
      deleted.push(old);
    }

    await db.transaction().execute(async (trx) => {
      // Checked now, on the back end's clock: the last-backup date shown, and the reminder judged on its day.
      const verified = new Date(backend.now());
      await recordVerifiedBackup(trx, { verifiedAt: verified.toISOString(), fileName }, session?.staffId ?? null);
      await refreshBackupReminder(trx, todayInLondon(verified), verified.toISOString());
      await appendAudit(trx, {
        at: verified.toISOString(), // the same clock as the router's entries
        actorId: session?.staffId ?? null,
        actorRole: session?.role ?? null,
        action: 'backups.create',
        route: 'backups.start',
        subjectType: 'backup',
        detail: { fileName, sizeBytes, deleted: deleted.length },
      });
    });
    return { fileName, file: finalPath, sizeBytes, deleted };
  } catch (err) {
    // A clean-up that fails is said alongside the original error, never instead of it.
    removePartial(tempPath, err);
    throw err;
  } finally {
    backupKey.fill(0);
    try {
      rmSync(workDir, { recursive: true, force: true });
    } catch {
      // removed at the next start (finishInterruptedRestore); must not replace the error being reported
    }
  }
}
