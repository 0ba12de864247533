/**
 * electron-updater, fed from a folder on this computer, never from the
 * internet. The folder is the program's own copy of an update that has already
 * passed every check in src/main/features/updates/ (signature under a built-in
 * key, version, platform, size and SHA-512 of the copy); this file only hands
 * that checked copy to the platform's installer (see update-install.ts).
 *
 * What electron-updater can and cannot do offline (read in electron-updater
 * 6.8 and Electron 45):
 * - Its "generic" provider reads `latest*.yml` and the installer through
 *   `electron.net.request`, which takes only http: and https:; a `file://`
 *   folder fails with 'Protocol "file:" not supported'. So electron-updater
 *   is given (1) a custom provider that reads the channel file from the
 *   folder with `fs` and accepts only installer names inside that folder,
 *   (2) an executor whose `download` copies the installer from the folder
 *   and checks its sha512 against the channel file, and refuses every other
 *   request, and (3) its own app adapter, so electron-updater never creates
 *   its network executor at all. No code path here reaches `net`.
 * - Linux: the .deb (DebUpdater installs it with pkexec and dpkg, which asks
 *   for an administrator's password). Windows: the NSIS installer
 *   (NsisUpdater runs it silently); its code-signature hook is given this
 *   program's own check of the copy against the signed manifest, so an
 *   Authenticode certificate adds to the check but is not needed for it.
 *   macOS is installed from its zip in update-install.ts (electron-updater's
 *   MacUpdater would serve the zip to Squirrel.Mac over HTTP on 127.0.0.1).
 * - The channel file is written by this program from the verified manifest;
 *   the one on a stick, if any, is never read.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'electron';
import { DebUpdater, NsisUpdater, Provider, type AppUpdater, type ResolvedUpdateFileInfo, type UpdateInfo } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { parseUpdateInfo, type ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';

const NO_NETWORK = 'Updates are read from a folder only; this program never uses the network.';

/** Pure: the file an installer name from the channel file stands for, if it is inside the folder. */
export function fileInFolder(folder: string, name: string): string | null {
  if (name === '' || name.includes('\0') || /^[a-z][a-z0-9+.-]*:/i.test(name) || isAbsolute(name)) return null;
  const base = resolve(folder);
  const file = resolve(base, name);
  const rel = relative(base, file);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return file;
}

function fromFileUrl(folder: string, url: URL): string | null {
  if (url.protocol !== 'file:') return null;
  const file = fileURLToPath(url);
  return fileInFolder(folder, relative(resolve(folder), file));
}

/** Reads `latest-linux.yml` (or the channel's file) from the folder. */
export class FolderProvider extends Provider<UpdateInfo> {
  private readonly folder: string;

  constructor(options: Readonly<Record<string, unknown>>, _updater: unknown, runtimeOptions: ProviderRuntimeOptions) {
    super(runtimeOptions);
    if (typeof options.folder !== 'string' || !isAbsolute(options.folder))
      throw new Error('The update folder must be a full path.');
    this.folder = options.folder;
  }

  get channelFile(): string {
    return `${this.getDefaultChannelName()}.yml`;
  }

  async getLatestVersion(): Promise<UpdateInfo> {
    const file = join(this.folder, this.channelFile);
    return parseUpdateInfo(await readFile(file, 'utf8'), this.channelFile, pathToFileURL(file));
  }

  resolveFiles(updateInfo: UpdateInfo): ResolvedUpdateFileInfo[] {
    const files = updateInfo.files ?? [];
    if (files.length === 0) throw new Error('The update folder lists no installer.');
    return files.map((info) => {
      const file = fileInFolder(this.folder, info.url);
      if (!file) throw new Error('The update folder lists an installer outside the folder; it was refused.');
      if (!info.sha512) throw new Error('The update folder lists an installer without its sha512 checksum.');
      return { url: pathToFileURL(file), info };
    });
  }
}

/** Copies `source` to `destination` and checks its sha512 (base64, as in the channel file). */
export async function copyVerified(
  source: string,
  destination: string,
  sha512: string,
  cancelled: () => boolean = () => false,
): Promise<void> {
  const hash = createHash('sha512');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (cancelled()) {
        done(new Error('The update was cancelled.'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source), tap, createWriteStream(destination, { mode: 0o600 }));
    if (hash.digest('base64') !== sha512) {
      throw Object.assign(new Error('The installer in the update folder is damaged (its checksum does not match).'), {
        code: 'ERR_CHECKSUM_MISMATCH',
      });
    }
  } catch (err) {
    await rm(destination, { force: true });
    throw err;
  }
}

interface DownloadOptions {
  readonly sha512?: string | null;
  readonly cancellationToken: { readonly cancelled: boolean };
}

/** Stands in for electron-updater's HTTP executor: copies from the folder, refuses everything else. */
class FolderExecutor {
  constructor(private readonly folder: string) {}

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const source = fromFileUrl(this.folder, url);
    if (!source) throw new Error(NO_NETWORK);
    if (!options.sha512) throw new Error('The update folder lists an installer without its sha512 checksum.');
    await copyVerified(source, destination, options.sha512, () => options.cancellationToken.cancelled);
    return destination;
  }

  request(): never {
    throw new Error(NO_NETWORK);
  }

  downloadToBuffer(): never {
    throw new Error(NO_NETWORK);
  }
}

function appAdapter(app: App, updatesDir: string): AppAdapter {
  return {
    get version() {
      return app.getVersion();
    },
    get name() {
      return app.getName();
    },
    get isPackaged() {
      return app.isPackaged;
    },
    appUpdateConfigPath: join(updatesDir, 'app-update.yml'),
    get userDataPath() {
      return app.getPath('userData');
    },
    baseCachePath: updatesDir,
    whenReady: () => app.whenReady(),
    relaunch: () => app.relaunch(),
    quit: () => app.quit(),
    onQuit: (handler) => {
      app.once('quit', (_event, exitCode) => handler(exitCode));
    },
  };
}

/** Checks the installer electron-updater is about to run; null when it may run, or why not. */
export type InstallerCheck = (file: string) => Promise<string | null>;

export interface FolderUpdaterOptions {
  /** Windows: this program's own check of the installer, run by NsisUpdater just before it installs */
  verifyInstaller?: InstallerCheck;
  /** Windows: publisher names of an Authenticode certificate to require as well (none: not required) */
  publisherNames?: readonly string[];
  /** tests */
  platform?: NodeJS.Platform;
}

/** The channel file's name electron-updater looks for on this platform and architecture. */
export function channelFileName(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  return 'latest-mac.yml';
}

/** A channel file for one installer, from the verified manifest (electron-updater wants the sha512 in base64). */
export function channelFileText(version: string, file: string, size: number, sha512Hex: string, releasedOn: string): string {
  const sha512 = Buffer.from(sha512Hex, 'hex').toString('base64');
  return [
    `version: ${JSON.stringify(version)}`,
    'files:',
    `  - url: ${JSON.stringify(file)}`,
    `    sha512: ${JSON.stringify(sha512)}`,
    `    size: ${size}`,
    `path: ${JSON.stringify(file)}`,
    `sha512: ${JSON.stringify(sha512)}`,
    `releaseDate: ${JSON.stringify(`${releasedOn}T00:00:00.000Z`)}`,
    '',
  ].join('\n');
}

/**
 * NsisUpdater's code-signature hook: first this program's own check (the
 * signed manifest's size and SHA-512, on the very file about to run), then, if
 * publisher names are configured, electron-updater's Authenticode check too.
 */
export function codeSignatureHook(
  verifyInstaller: InstallerCheck,
  authenticode: ((publisherNames: string[], file: string) => Promise<string | null>) | null,
): (publisherNames: string[], file: string) => Promise<string | null> {
  return async (publisherNames, file) => {
    const ours = await verifyInstaller(file);
    if (ours !== null) return ours;
    const required = publisherNames.filter((name) => name !== OWN_CHECK_ONLY);
    if (required.length === 0 || !authenticode) return null;
    return authenticode(required, file);
  };
}

/** Written as the publisher name when no certificate is required, so NsisUpdater still calls the hook. */
export const OWN_CHECK_ONLY = 'dvpp-own-verification';

/**
 * An updater for the given folder: `checkForUpdates()`, then `downloadUpdate()`,
 * then `quitAndInstall()`, each only when an administrator asks. In an
 * unpackaged (development) build `checkForUpdates()` does nothing and
 * resolves to null.
 */
export async function createFolderUpdater(app: App, folder: string, options: FolderUpdaterOptions = {}): Promise<AppUpdater> {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux' && platform !== 'win32') {
    throw new Error('electron-updater installs the Linux (.deb) and Windows (NSIS) versions; macOS is installed from its zip.');
  }
  if (platform === 'win32' && !options.verifyInstaller) {
    throw new Error("The Windows installer is only run after this program's own check of it.");
  }
  if (!isAbsolute(folder) || !(await stat(folder)).isDirectory())
    throw new Error('Choose the folder that holds the update.');

  // electron-updater reads its cache folder's name (and, on Windows, the publisher names that make it
  // call the code-signature hook) from an app-update.yml; electron-builder would ship one, Forge does not.
  const updatesDir = join(app.getPath('userData'), 'updates');
  await mkdir(updatesDir, { recursive: true, mode: 0o700 });
  const publishers = [...(options.publisherNames ?? []), OWN_CHECK_ONLY];
  await writeFile(
    join(updatesDir, 'app-update.yml'),
    platform === 'win32'
      ? `updaterCacheDirName: cache\npublisherName:\n${publishers.map((p) => `  - ${JSON.stringify(p)}`).join('\n')}\n`
      : 'updaterCacheDirName: cache\n',
  );

  const adapter = appAdapter(app, updatesDir);
  let updater: AppUpdater;
  if (platform === 'win32') {
    const nsis = new NsisUpdater(null, adapter);
    const authenticode = options.publisherNames?.length ? nsis.verifyUpdateCodeSignature : null;
    nsis.verifyUpdateCodeSignature = codeSignatureHook(options.verifyInstaller!, authenticode);
    updater = nsis;
  } else {
    updater = new DebUpdater(null, adapter);
  }
  // Passing our own adapter leaves electron-updater without an HTTP executor; ours copies from the folder.
  (updater as unknown as { httpExecutor: FolderExecutor }).httpExecutor = new FolderExecutor(folder);
  updater.logger = null; // its messages quote paths (a user name can be part of one)
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowPrerelease = false;
  updater.allowDowngrade = false;
  updater.disableDifferentialDownload = true;
  updater.disableWebInstaller = true;
  updater.forceDevUpdateConfig = false;
  updater.setFeedURL({ provider: 'custom', updateProvider: FolderProvider, folder });
  return updater;
}
