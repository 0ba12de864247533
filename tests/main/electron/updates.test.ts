/**
 * The offline updater's own parts: the folder provider, the path check and
 * the verified copy. electron-updater itself is imported for real (it loads
 * `electron` only when an updater is used inside Electron).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import { copyVerified, fileInFolder, FolderProvider } from '../../../src/main/electron/updates';

let folder: string;
let out: string;
const installer = Buffer.from('pretend this is a .deb');
const sha512 = createHash('sha512').update(installer).digest('base64');
const runtime = {
  platform: 'linux',
  isUseMultipleRangeRequest: false,
  executor: null,
} as unknown as ProviderRuntimeOptions;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dvpp-updates-'));
  out = mkdtempSync(join(tmpdir(), 'dvpp-updates-out-'));
  writeFileSync(join(folder, 'dvpp-case-manager_0.2.0_amd64.deb'), installer);
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

function channelFile(url: string, hash = sha512): void {
  const name = process.arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${process.arch}.yml`;
  writeFileSync(
    join(folder, name),
    `version: 0.2.0\nfiles:\n  - url: ${url}\n    sha512: ${hash}\n    size: ${installer.length}\nreleaseDate: '2026-11-01T00:00:00.000Z'\n`,
  );
}

describe('fileInFolder', () => {
  it('accepts names inside the folder', () => {
    expect(fileInFolder('/media/usb/update', 'app.deb')).toBe('/media/usb/update/app.deb');
    expect(fileInFolder('/media/usb/update', 'x64/app.deb')).toBe('/media/usb/update/x64/app.deb');
  });
  it.each([
    'https://example.com/app.deb',
    'http://127.0.0.1/app.deb',
    'file:///tmp/app.deb',
    '/etc/passwd',
    '../app.deb',
    'a/../../app.deb',
    '',
    'C:\\x.exe',
  ])('refuses %s', (name) => {
    expect(fileInFolder('/media/usb/update', name)).toBeNull();
  });
});

describe('FolderProvider', () => {
  it('reads the channel file from the folder and resolves the installer to a file: URL inside it', async () => {
    channelFile('dvpp-case-manager_0.2.0_amd64.deb');
    const provider = new FolderProvider({ provider: 'custom', folder }, null, runtime);
    const info = await provider.getLatestVersion();
    expect(info.version).toBe('0.2.0');
    const [file] = provider.resolveFiles(info);
    expect(file!.url.href).toBe(pathToFileURL(join(folder, 'dvpp-case-manager_0.2.0_amd64.deb')).href);
    expect(file!.info.sha512).toBe(sha512);
  });

  it('refuses a channel file that points at the internet or outside the folder', async () => {
    for (const url of ['https://example.com/evil.deb', '../evil.deb', '/tmp/evil.deb']) {
      channelFile(url);
      const provider = new FolderProvider({ provider: 'custom', folder }, null, runtime);
      const info = await provider.getLatestVersion();
      expect(() => provider.resolveFiles(info), url).toThrow(/outside the folder/);
    }
  });

  it('needs a full path', () => {
    expect(() => new FolderProvider({ provider: 'custom', folder: 'relative/path' }, null, runtime)).toThrow(
      /full path/,
    );
  });
});

describe('copyVerified', () => {
  it('copies a file whose sha512 matches', async () => {
    const target = join(out, 'update.deb');
    await copyVerified(join(folder, 'dvpp-case-manager_0.2.0_amd64.deb'), target, sha512);
    expect(readFileSync(target)).toEqual(installer);
  });

  it('refuses and removes a damaged copy', async () => {
    const target = join(out, 'update.deb');
    const wrong = createHash('sha512').update('something else').digest('base64');
    await expect(copyVerified(join(folder, 'dvpp-case-manager_0.2.0_amd64.deb'), target, wrong)).rejects.toMatchObject({
      code: 'ERR_CHECKSUM_MISMATCH',
    });
    expect(existsSync(target)).toBe(false);
  });

  it('stops when cancelled', async () => {
    const target = join(out, 'update.deb');
    await expect(
      copyVerified(join(folder, 'dvpp-case-manager_0.2.0_amd64.deb'), target, sha512, () => true),
    ).rejects.toThrow(/cancelled/);
    expect(existsSync(target)).toBe(false);
  });
});

describe.runIf(process.platform === 'linux')('createFolderUpdater, driven through electron-updater', () => {
  it('finds and copies the update from the folder without loading electron or its network code', async () => {
    // electron-updater loads `electron` with a plain require (vi.mock does not reach it). Any
    // such load here would mean a path towards `net`, so it is made to fail loudly.
    const Module = (await import('node:module')).default as unknown as {
      _load: (request: string, ...rest: unknown[]) => unknown;
    };
    const load = Module._load;
    const loaded: string[] = [];
    Module._load = function (this: unknown, request: string, ...rest: unknown[]) {
      if (request === 'electron') {
        loaded.push(request);
        throw new Error('electron must not be loaded by the folder updater');
      }
      return load.call(this, request, ...rest);
    };
    try {
      const { createFolderUpdater } = await import('../../../src/main/electron/updates');
      const userData = mkdtempSync(join(tmpdir(), 'dvpp-userdata-'));
      const app = {
        isPackaged: true,
        getVersion: () => '0.1.0',
        getName: () => 'DVPP Case Manager',
        getPath: (name: string) => (name === 'userData' ? userData : ''),
        whenReady: async () => {},
        relaunch: () => {},
        quit: () => {},
        once: () => {},
      };
      channelFile('dvpp-case-manager_0.2.0_amd64.deb');
      const updater = await createFolderUpdater(app as never, folder);
      expect(updater.autoDownload).toBe(false);
      expect(updater.autoInstallOnAppQuit).toBe(false);

      const check = await updater.checkForUpdates();
      expect(check?.isUpdateAvailable).toBe(true);
      expect(check?.updateInfo.version).toBe('0.2.0');

      const [downloaded] = await updater.downloadUpdate();
      expect(readFileSync(downloaded!)).toEqual(installer);
      expect(downloaded!.startsWith(join(userData, 'updates'))).toBe(true);
      expect(loaded).toEqual([]);
      rmSync(userData, { recursive: true, force: true });
    } finally {
      Module._load = load;
    }
  });

  it('refuses a folder that is not there', async () => {
    const { createFolderUpdater } = await import('../../../src/main/electron/updates');
    const app = { getPath: () => tmpdir() };
    await expect(createFolderUpdater(app as never, join(folder, 'missing'))).rejects.toThrow();
  });
});
