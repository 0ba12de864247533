/**
 * Updates from a folder that an administrator points at (a USB stick, a CD,
 * a share that is already mounted), never from the internet. Nothing calls
 * this yet: there is no update screen, nothing checks at start, nothing
 * downloads or installs by itself.
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
 * - Linux only: the .deb from maker-deb (installed with pkexec and dpkg,
 *   which asks for an administrator's password). Windows is packaged with
 *   Squirrel.Windows, which electron-updater cannot update (it updates NSIS
 *   installers); on macOS electron-updater passes the zip to Squirrel.Mac
 *   through an HTTP server on 127.0.0.1. Both are refused here.
 * - The sha512 in the channel file detects a damaged copy, not a forged one:
 *   the folder must come from the charity's own supplier. Signed updates are
 *   future work.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'electron';
import { DebUpdater, Provider, type AppUpdater, type ResolvedUpdateFileInfo, type UpdateInfo } from 'electron-updater';
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

/**
 * An updater for the given folder: `checkForUpdates()`, then `downloadUpdate()`,
 * then `quitAndInstall()`, each only when an administrator asks. In an
 * unpackaged (development) build `checkForUpdates()` does nothing and
 * resolves to null.
 */
export async function createFolderUpdater(app: App, folder: string): Promise<AppUpdater> {
  if (process.platform !== 'linux') {
    throw new Error('Updating from a folder is available for the Linux (.deb) version only.');
  }
  if (!isAbsolute(folder) || !(await stat(folder)).isDirectory())
    throw new Error('Choose the folder that holds the update.');

  // electron-updater reads its cache folder's name from an app-update.yml; electron-builder
  // would ship one, Forge does not, so it is written beside the cache.
  const updatesDir = join(app.getPath('userData'), 'updates');
  await mkdir(updatesDir, { recursive: true, mode: 0o700 });
  await writeFile(join(updatesDir, 'app-update.yml'), 'updaterCacheDirName: cache\n');

  const updater = new DebUpdater(null, appAdapter(app, updatesDir));
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
