/**
 * The Electron-only install step, as far as it runs without Electron:
 * - Linux: electron-updater's DebUpdater is driven through check and download
 *   from the checked copy (its channel file written from the signed manifest);
 *   quitAndInstall (pkexec dpkg) is replaced by a recorder.
 * - Windows: NsisUpdater's code-signature hook runs this program's own check
 *   and refuses a file that differs from the signed manifest, certificate or not.
 * - macOS: the zip is unpacked (ditto faked by a copy) and the bundles swapped.
 * electron-updater loads `electron` only inside quitAndInstall, which is replaced here.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppUpdater } from 'electron-updater';
import { checkAgainstManifest, electronUpdateInstaller, INSTALLER_CHANGED, removeReplacedBundle } from '../../../src/main/electron/update-install';
import { codeSignatureHook, createFolderUpdater, OWN_CHECK_ONLY } from '../../../src/main/electron/updates';
import { copyInstaller } from '../../../src/main/features/updates/copy-installer';
import { checkUpdateFolder } from '../../../src/main/features/updates/verify';
import { INSTALLER, makeUpdateFolder, PLATFORM, TEST_KEYS } from '../updates/fixtures';

let root: string;
let userData: string;
let quits: Array<[boolean, boolean]>;
let relaunched: number;

function fakeApp(exe = '/opt/dvpp/dvpp-case-manager') {
  return {
    isPackaged: true,
    getVersion: () => '0.1.0',
    getName: () => 'DVPP Case Manager',
    getPath: (name: string) => (name === 'userData' ? userData : exe),
    whenReady: async () => {},
    relaunch: () => {
      relaunched += 1;
    },
    quit: () => {},
    exit: () => {},
    once: () => {},
  };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dvpp-install-'));
  userData = join(root, 'userData');
  mkdirSync(userData);
  quits = [];
  relaunched = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function checkedCopy(options: { platform?: 'linux-x64' | 'win32-x64' | 'darwin-arm64'; bytes?: Buffer } = {}) {
  const stick = join(root, 'stick');
  await makeUpdateFolder(stick, { platform: options.platform ?? PLATFORM, installerBytes: options.bytes });
  const checked = checkUpdateFolder(stick, TEST_KEYS, { running: '0.1.0', highest: '0.1.0', platform: options.platform ?? PLATFORM });
  const file = await copyInstaller(stick, join(userData, 'data'), checked.installer);
  return { file, checked };
}

describe.runIf(process.platform === 'linux')('Linux: DebUpdater from the checked copy', () => {
  it('checks, copies into its cache and would install with pkexec dpkg (quitAndInstall recorded)', async () => {
    const { file, checked } = await checkedCopy();
    let updater: AppUpdater | null = null;
    const installer = electronUpdateInstaller(fakeApp() as never, {
      platform: 'linux',
      createUpdater: async (app, folder, options) => {
        updater = await createFolderUpdater(app, folder, options);
        updater.quitAndInstall = (silent = false, runAfter = false) => quits.push([silent, runAfter]);
        return updater;
      },
    });
    await installer.install(file, checked);
    expect(quits).toEqual([[true, true]]);
    expect(readdirSync(join(userData, 'data', 'updates', 'incoming'))).toContain(
      process.arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${process.arch}.yml`,
    );
    expect(updater).not.toBeNull();
  });

  it('refuses to run a copy that changed after it was checked', async () => {
    const { file, checked } = await checkedCopy();
    const bytes = readFileSync(file);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(file, bytes);
    const installer = electronUpdateInstaller(fakeApp() as never, {
      platform: 'linux',
      createUpdater: async () => {
        throw new Error('must not get this far');
      },
    });
    await expect(installer.install(file, checked)).rejects.toThrow(INSTALLER_CHANGED);
  });
});

describe("Windows: NsisUpdater's code-signature hook is this program's own check", () => {
  it('passes the signed installer with no certificate required, and refuses a changed one', async () => {
    const { file, checked } = await checkedCopy({ platform: 'win32-x64' });
    const hook = codeSignatureHook(checkAgainstManifest(checked.installer), null);
    expect(await hook([OWN_CHECK_ONLY], file)).toBeNull();
    writeFileSync(file, Buffer.alloc(checked.installer.size, 1));
    expect(await hook([OWN_CHECK_ONLY], file)).toBe(INSTALLER_CHANGED);
  });

  it('adds the Authenticode check when publisher names are configured, after its own', async () => {
    const { file, checked } = await checkedCopy({ platform: 'win32-x64' });
    const asked: string[][] = [];
    const authenticode = async (names: string[]) => {
      asked.push(names);
      return 'not signed by the publisher';
    };
    const hook = codeSignatureHook(checkAgainstManifest(checked.installer), authenticode);
    expect(await hook(['Example Charity Software Ltd', OWN_CHECK_ONLY], file)).toBe('not signed by the publisher');
    expect(asked).toEqual([['Example Charity Software Ltd']]);
  });

  it('an NsisUpdater is made with the hook and app-update.yml names the publisher so electron-updater calls it', async () => {
    const { file, checked } = await checkedCopy({ platform: 'win32-x64' });
    const updater = await createFolderUpdater(fakeApp() as never, join(userData, 'data', 'updates', 'incoming'), {
      platform: 'win32',
      verifyInstaller: checkAgainstManifest(checked.installer),
    });
    expect(updater.constructor.name).toBe('NsisUpdater');
    const hook = (updater as unknown as { verifyUpdateCodeSignature: (n: string[], f: string) => Promise<string | null> })
      .verifyUpdateCodeSignature;
    expect(await hook([OWN_CHECK_ONLY], file)).toBeNull();
    expect(readFileSync(join(userData, 'updates', 'app-update.yml'), 'utf8')).toContain(OWN_CHECK_ONLY);
    await expect(createFolderUpdater(fakeApp() as never, root, { platform: 'win32' })).rejects.toThrow(/own check/);
  });
});

describe('macOS: the zip unpacked beside the bundle and swapped in', () => {
  it('replaces the bundle, keeps the old one, and restarts', async () => {
    const { file, checked } = await checkedCopy({ platform: 'darwin-arm64' });
    const apps = join(root, 'Applications');
    const bundle = join(apps, 'DVPP Case Manager.app');
    mkdirSync(join(bundle, 'Contents'), { recursive: true });
    writeFileSync(join(bundle, 'Contents', 'version'), '0.1.0');
    const runs: string[][] = [];
    const installer = electronUpdateInstaller(fakeApp() as never, {
      platform: 'darwin',
      macBundle: bundle,
      // ditto -x -k <zip> <folder>, faked: the unpacked bundle appears in the folder
      run: async (command, args) => {
        runs.push([command, ...args]);
        const into = args[3]!;
        mkdirSync(join(into, 'DVPP Case Manager.app', 'Contents'), { recursive: true });
        writeFileSync(join(into, 'DVPP Case Manager.app', 'Contents', 'version'), '0.2.0');
      },
    });
    await installer.install(file, checked);
    expect(runs[0]!.slice(0, 4)).toEqual(['/usr/bin/ditto', '-x', '-k', file]);
    expect(readFileSync(join(bundle, 'Contents', 'version'), 'utf8')).toBe('0.2.0');
    expect(readFileSync(join(`${bundle}.old`, 'Contents', 'version'), 'utf8')).toBe('0.1.0');
    expect(readdirSync(apps).filter((n) => n.startsWith('.dvpp-update-'))).toEqual([]);
    expect(relaunched).toBe(1);
    expect(INSTALLER).toBeTruthy();

    // The new version, started, removes the bundle it replaced.
    await removeReplacedBundle(fakeApp() as never, { platform: 'darwin', macBundle: bundle });
    expect(readdirSync(apps)).toEqual(['DVPP Case Manager.app']);
  });
});
