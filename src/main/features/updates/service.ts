/**
 * The Updates screen's back end: look at a folder (every check that needs no
 * copy), then, when an administrator asks, the whole run as one job:
 * check again, copy the installer into the program's own folder and check its
 * size and SHA-512 there, make and check a backup (the backups feature's own
 * `makeBackup`), and hand the checked copy to the installer. The installer is
 * Electron's (src/main/electron/update-install.ts); the browser host has none,
 * so there the run stops at "ready to install" with every check made.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdatePreview, UpdateStatus } from '../../../shared/features/updates';
import { AppError } from '../../app-error';
import { APP_VERSION } from '../../app-version';
import type { Backend } from '../../backend';
import { log } from '../../log';
import { describeDriveError, makeBackup } from '../backups/backup';
import type { JobControl } from '../backups/jobs';
import { jobFinished } from '../backups/jobs';
import { copyInstaller, dropIncoming, type CopyHooks } from './copy-installer';
import { highestVersionRun } from './high-water';
import { finishInstall, readLastFailed, readLastInstalled, recordInstalling } from './installed';
import { currentPlatform } from './manifest';
import { UpdateRefused } from './messages';
import { BUILT_IN_KEYS, type TrustedKey } from './trusted-keys';
import { checkManifest, checkUpdateFolder, readSignedManifest, type CheckedUpdate, type VersionFacts } from './verify';

export type { UpdateInstaller } from './installer';

/** What the checks need to know; tests change any of it. */
export interface UpdateContext {
  dataDir: string;
  keys: readonly TrustedKey[];
  running: string;
  platform: string;
}

export function updateContext(backend: Backend): UpdateContext {
  return {
    dataDir: backend.options.dataDir,
    keys: backend.options.updateKeys ?? BUILT_IN_KEYS,
    running: backend.options.runningVersion ?? APP_VERSION,
    platform: backend.options.updatePlatform ?? currentPlatform(),
  };
}

export function factsOf(ctx: UpdateContext): VersionFacts {
  return { running: ctx.running, highest: highestVersionRun(ctx.dataDir, ctx.running), platform: ctx.platform };
}

/** The update waiting to be installed, per back end (the browser host stops there). */
const prepared = new WeakMap<Backend, NonNullable<UpdateStatus['prepared']>>();

export function updateStatus(backend: Backend): UpdateStatus {
  const ctx = updateContext(backend);
  return {
    runningVersion: ctx.running,
    highestVersion: factsOf(ctx).highest,
    canInstall: Boolean(backend.options.updateInstaller),
    lastInstalled: readLastInstalled(ctx.dataDir),
    lastFailed: readLastFailed(ctx.dataDir),
    prepared: prepared.get(backend) ?? null,
  };
}

/** Every check that needs no copy. A refusal is an answer, not an error. */
export function previewUpdate(ctx: UpdateContext, folder: string): UpdatePreview {
  const facts = factsOf(ctx);
  const base: UpdatePreview = {
    runningVersion: facts.running,
    highestVersion: facts.highest,
    version: null,
    minVersion: null,
    releasedOn: null,
    notes: null,
    signedWith: null,
    installerName: null,
    installerBytes: null,
    mayInstall: false,
    refusal: null,
  };
  let signed;
  try {
    signed = readSignedManifest(folder, ctx.keys);
  } catch (err) {
    if (err instanceof UpdateRefused) return { ...base, refusal: { code: err.refusal, message: err.message } };
    throw err;
  }
  const { manifest, key } = signed;
  const shown: UpdatePreview = {
    ...base,
    version: manifest.version,
    minVersion: manifest.minVersion,
    releasedOn: manifest.releasedOn,
    notes: manifest.notes,
    signedWith: key.role,
  };
  try {
    const installer = checkManifest(manifest, facts);
    return { ...shown, installerName: installer.file, installerBytes: installer.size, mayInstall: true };
  } catch (err) {
    if (err instanceof UpdateRefused) return { ...shown, refusal: { code: err.refusal, message: err.message } };
    throw err;
  }
}

export interface RunOptions {
  backupFolder: string;
  staff: { staffId: string; role: string } | null;
  copyHooks?: CopyHooks;
}

export interface PreparedUpdate {
  checked: CheckedUpdate;
  file: string;
  backupFile: string;
}

/**
 * Checks, copies and checks the copy, then backs up. Progress: the copy is
 * 0-45 %, the backup 45-95 %. Nothing is installed here; a refusal leaves no copy.
 */
export async function prepareUpdate(
  backend: Backend,
  folder: string,
  control: JobControl,
  options: RunOptions,
): Promise<PreparedUpdate> {
  const ctx = updateContext(backend);
  prepared.delete(backend);
  control.progress('update-checking', 1);
  const checked = checkUpdateFolder(folder, ctx.keys, factsOf(ctx));
  control.progress('update-copying', 2);
  const file = await copyInstaller(
    folder,
    ctx.dataDir,
    checked.installer,
    (done, total) => control.progress('update-copying', 2 + (43 * done) / total),
    options.copyHooks,
  );
  try {
    const backupFolder = options.backupFolder || join(ctx.dataDir, 'safety-backups');
    if (!options.backupFolder) mkdirSync(backupFolder, { recursive: true, mode: 0o700 });
    const backup = await makeBackup(backend, backupFolder, {
      progress: (phase, percent) => control.progress(phase, 45 + percent * 0.5),
    });
    control.progress('finishing', 96);
    prepared.set(backend, { version: checked.manifest.version, installerName: checked.installer.file, backupFile: backup.fileName });
    return { checked, file, backupFile: backup.fileName };
  } catch (err) {
    dropIncoming(ctx.dataDir);
    throw err;
  }
}

/**
 * After the job has ended (so nothing holds the database): record the install,
 * end the session, close the database, and hand over to the installer, which
 * restarts the program. If the installer fails the program stays locked, the
 * database closed and unchanged; the next start drops the record.
 */
export async function installPrepared(backend: Backend, update: PreparedUpdate, options: RunOptions): Promise<void> {
  const installer = backend.options.updateInstaller;
  if (!installer) return;
  const ctx = updateContext(backend);
  await jobFinished(backend);
  recordInstalling(ctx.dataDir, {
    fromVersion: ctx.running,
    toVersion: update.checked.manifest.version,
    notes: update.checked.manifest.notes,
    keyId: update.checked.key.id,
    staffId: options.staff?.staffId ?? null,
    role: options.staff?.role ?? null,
    startedAt: new Date(backend.now()).toISOString(),
  });
  await backend.closeSession('logout', 'updates.install');
  await backend.settled();
  await backend.closeDatabase();
  try {
    await installer.install(update.file, update.checked);
  } catch (err) {
    // The program is still this version: the record becomes a failure shown on the Updates page
    // and audited at the next log-in. The database was closed and is unchanged.
    log.error('the update could not be installed', err);
    const failed = finishInstall(ctx.dataDir, ctx.running, new Date(backend.now()));
    if (failed) backend.pendingAudit.push(failed);
  }
}

/** A refusal or a backup's own message as it is; a drive's trouble during the backup in the backups' words. */
export function describeUpdateError(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if ((err as NodeJS.ErrnoException | null)?.code) return describeDriveError(err);
  return 'The update could not be prepared. Nothing has been installed and the records have not been changed. Try again.';
}
