/**
 * Installing an update that has passed every check (src/main/features/updates/):
 * the database is already closed and a checked backup made when this runs.
 * - Linux: the .deb through electron-updater's DebUpdater (pkexec and dpkg,
 *   which ask for an administrator's password), then the program restarts.
 * - Windows: the NSIS installer through electron-updater's NsisUpdater, run
 *   silently; its code-signature hook re-checks the very file it is about to
 *   run against the signed manifest (size and SHA-512), so a code-signing
 *   certificate adds to the check but is not needed for it.
 * - macOS: the zip is unpacked with `ditto` beside the running bundle, the
 *   new bundle checked to be one `.app`, and swapped in for the old one, which
 *   is kept as `<name>.app.old` until the new version has started.
 * After the restart the back end turns the install record into the Updates
 * page's "what changed" and the audit entry (features/updates/installed.ts).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { App } from 'electron';
import type { InstallerEntry, Manifest } from '../features/updates/manifest';
import type { UpdateInstaller } from '../features/updates/installer';
import { channelFileName, channelFileText, createFolderUpdater, type FolderUpdaterOptions } from './updates';

export const INSTALLER_CHANGED =
  'The update copied into the program folder changed after it was checked, so it was not installed. Try the update again.';

/** This program's own check of an installer file: the signed size and SHA-512. */
export function checkAgainstManifest(installer: InstallerEntry): (file: string) => Promise<string | null> {
  return async (file) => {
    try {
      if ((await stat(file)).size !== installer.size) return INSTALLER_CHANGED;
      const hash = createHash('sha512');
      for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
      return hash.digest('hex') === installer.sha512 ? null : INSTALLER_CHANGED;
    } catch {
      return INSTALLER_CHANGED;
    }
  };
}

export interface InstallDeps {
  platform?: NodeJS.Platform;
  /** runs a command; tests give a fake */
  run?: (command: string, args: string[]) => Promise<void>;
  /** where the running macOS bundle is (default: from the executable's path) */
  macBundle?: string;
  /** Windows: Authenticode publisher names to require as well (none by default) */
  publisherNames?: readonly string[];
  createUpdater?: typeof createFolderUpdater;
}

const runCommand = (command: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    execFile(command, args, { windowsHide: true }, (err) => (err ? reject(err) : resolve()));
  });

/** Linux and Windows: electron-updater, fed from the folder holding the checked copy. */
async function installWithElectronUpdater(
  app: App,
  file: string,
  update: { manifest: Manifest; installer: InstallerEntry },
  deps: InstallDeps,
  platform: NodeJS.Platform,
): Promise<void> {
  const folder = dirname(file);
  const { manifest, installer } = update;
  await writeFile(
    join(folder, channelFileName(platform)),
    channelFileText(manifest.version, basename(file), installer.size, installer.sha512, manifest.releasedOn),
  );
  const options: FolderUpdaterOptions = {
    platform,
    verifyInstaller: checkAgainstManifest(installer),
    publisherNames: deps.publisherNames,
  };
  const updater = await (deps.createUpdater ?? createFolderUpdater)(app, folder, options);
  const check = await updater.checkForUpdates();
  if (!check?.isUpdateAvailable) throw new Error('electron-updater did not accept the checked update.');
  await updater.downloadUpdate(); // a copy within this computer; NsisUpdater runs our check on it here
  updater.quitAndInstall(true, true);
}

/** macOS: unpack beside the running bundle, then swap the bundles and restart. */
async function installMacZip(app: App, file: string, deps: InstallDeps): Promise<void> {
  const run = deps.run ?? runCommand;
  const bundle = deps.macBundle ?? join(dirname(app.getPath('exe')), '..', '..');
  if (!bundle.endsWith('.app')) throw new Error('The program is not running from an application bundle.');
  const staging = await mkdtemp(join(dirname(bundle), '.dvpp-update-'));
  try {
    await run('/usr/bin/ditto', ['-x', '-k', file, staging]);
    const apps = (await readdir(staging)).filter((name) => name.endsWith('.app'));
    if (apps.length !== 1) throw new Error('The update zip does not hold exactly one application.');
    const old = `${bundle}.old`;
    await rm(old, { recursive: true, force: true });
    await rename(bundle, old);
    try {
      await rename(join(staging, apps[0]!), bundle);
    } catch (err) {
      await rename(old, bundle);
      throw err;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  app.relaunch();
  app.exit(0);
}

/** macOS: the bundle an update replaced is removed once the new one has started. */
export async function removeReplacedBundle(app: App, deps: InstallDeps = {}): Promise<void> {
  if ((deps.platform ?? process.platform) !== 'darwin') return;
  const bundle = deps.macBundle ?? join(dirname(app.getPath('exe')), '..', '..');
  if (!bundle.endsWith('.app')) return;
  await rm(`${bundle}.old`, { recursive: true, force: true });
}

export function electronUpdateInstaller(app: App, deps: InstallDeps = {}): UpdateInstaller {
  return {
    install: async (file, update) => {
      const platform = deps.platform ?? process.platform;
      // The file was checked when copied; it is checked once more just before it runs.
      const problem = await checkAgainstManifest(update.installer)(file);
      if (problem) throw new Error(problem);
      if (platform === 'darwin') return installMacZip(app, file, deps);
      return installWithElectronUpdater(app, file, update, deps, platform);
    },
  };
}
