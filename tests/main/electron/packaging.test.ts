/**
 * What `electron-forge make` would package on each platform, read from
 * forge.config.ts without running it (Electron and NSIS cannot be downloaded
 * here): the installer kind, the one database driver each platform carries
 * (and nothing of the other), its binary for the target, the worker entry and
 * the fuses.
 */
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import config, { APP_ID, copyNativeModules, nativeModulesFor } from '../../../forge.config';
import { MakerNsis, NSIS_OPTIONS } from '../../../packaging/maker-nsis';
import { driverName } from '../../../src/main/db/driver';

const root = resolve(__dirname, '..', '..', '..');
/** Where node_modules really is (a worktree may hold it as a symlink to a shared install). */
const modulesHome = dirname(realpathSync(join(root, 'node_modules')));
const tmp = mkdtempSync(join(tmpdir(), 'dvpp-packaging-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const makerNames = (platform: string) =>
  (config.makers ?? [])
    .filter((m) => 'platforms' in m && (m.platforms as string[]).includes(platform))
    .map((m) => (m as { name: string }).name);

describe('installers', () => {
  it('Windows gets an NSIS installer (which electron-updater updates), never Squirrel', () => {
    expect(makerNames('win32')).toEqual(['nsis']);
    expect(JSON.stringify(config.makers)).not.toMatch(/squirrel/i);
  });

  it('Linux keeps the .deb (and a zip); macOS gets a zip', () => {
    expect(makerNames('linux').sort()).toEqual(['deb', 'zip']);
    expect(makerNames('darwin')).toEqual(['zip']);
  });

  it('the NSIS installer is per-user, keeps the data on uninstall, has no update server, and wraps what forge packaged', () => {
    const maker = new MakerNsis({ appId: APP_ID });
    maker.config = { appId: APP_ID };
    const options = maker.buildOptions({
      dir: join(tmp, 'DVPP Case Manager-win32-x64'),
      makeDir: join(tmp, 'make'),
      targetArch: 'x64',
      appName: 'DVPP Case Manager',
      forgeConfig: { packagerConfig: { executableName: 'dvpp-case-manager' } } as never,
    });
    expect(options.win).toEqual(['nsis:x64']);
    expect(options.prepackaged).toBe(join(tmp, 'DVPP Case Manager-win32-x64'));
    expect(options.config.nsis).toMatchObject({ perMachine: false, oneClick: true, deleteAppDataOnUninstall: false });
    expect(NSIS_OPTIONS.allowElevation).toBe(false);
    expect(options.config.publish).toBeNull();
    expect(options.config.executableName).toBe('dvpp-case-manager');
    expect(options.config.appId).toBe(APP_ID);
    expect(maker.defaultPlatforms).toEqual(['win32']);
  });
});

describe('the database driver in each package', () => {
  it('is the one the program chooses on that platform', () => {
    expect(nativeModulesFor('win32')).toEqual(['better-sqlite3-multiple-ciphers']);
    expect(driverName({}, 'win32')).toBe('bs3mc');
    for (const platform of ['linux', 'darwin'] as const) {
      expect(nativeModulesFor(platform)).toEqual(['@journeyapps/sqlcipher']);
      expect(driverName({}, platform)).toBe('journeyapps');
    }
  });

  it('win32: better-sqlite3-multiple-ciphers with only its Windows binary, and no journeyapps', async () => {
    const app = join(tmp, 'win32');
    const copied = await copyNativeModules(modulesHome, app, 'win32', 'x64');
    expect(copied).toEqual(['better-sqlite3-multiple-ciphers']);
    const dir = join(app, 'node_modules', 'better-sqlite3-multiple-ciphers');
    expect(readdirSync(join(dir, 'prebuilds'))).toEqual(['win32-x64.node']);
    expect(existsSync(join(dir, 'lib', 'index.js'))).toBe(true);
    expect(existsSync(join(dir, 'lib', 'win32-x64.js'))).toBe(true);
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
    for (const source of ['deps', 'src', 'binding.gyp', 'build']) expect(existsSync(join(dir, source))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@journeyapps'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'node-addon-api'))).toBe(false);
  });

  it('win32 on arm64 gets the arm64 binary', async () => {
    const app = join(tmp, 'win32-arm64');
    await copyNativeModules(modulesHome, app, 'win32', 'arm64');
    expect(readdirSync(join(app, 'node_modules', 'better-sqlite3-multiple-ciphers', 'prebuilds'))).toEqual(['win32-arm64.node']);
  });

  it('linux: journeyapps as built at npm install, and nothing of better-sqlite3-multiple-ciphers', async () => {
    const app = join(tmp, 'linux');
    const copied = await copyNativeModules(modulesHome, app, 'linux', process.arch);
    expect(copied).toContain('@journeyapps/sqlcipher');
    expect(existsSync(join(app, 'node_modules', '@journeyapps', 'sqlcipher', 'build', 'Release', 'node_sqlite3.node'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'better-sqlite3-multiple-ciphers'))).toBe(false);
  });

  it('the .node files are unpacked from the asar, and nothing is rebuilt for Electron (both are N-API)', () => {
    expect(config.packagerConfig?.asar).toEqual({ unpack: '**/*.node' });
    expect(config.rebuildConfig).toEqual({ onlyModules: [] });
  });
});

describe('the main process', () => {
  it('builds the worker threads (backup copy, bs3mc connection, subject access pack, reading an import, counting a report’s pages) as entries beside main', () => {
    const vite = (config.plugins ?? []).find((p) => (p as { name?: string }).name === 'vite') as unknown as {
      config: { build: Array<{ entry: string; target: string }> };
    };
    expect(vite.config.build.map((b) => b.entry)).toEqual([
      'src/main/electron/main.ts',
      'src/main/electron/preload.ts',
      'src/main/features/backups/copy-worker.ts',
      'src/main/db/drivers/bs3mc-thread.ts',
      'src/main/features/subject-access/pack-worker.ts',
      'src/main/features/imports/read-worker.ts',
      'src/main/features/reports/page-count-worker.ts',
    ]);
  });

  it('keeps the fuses: no run-as-node, no NODE_OPTIONS, no inspect, asar integrity, app only from the asar', () => {
    const fuses = (config.plugins ?? []).find((p) => (p as { name?: string }).name === 'fuses') as unknown as {
      fusesConfig: Record<string, unknown>;
    };
    expect(fuses.fusesConfig).toMatchObject({ 0: false, 2: false, 3: false, 4: true, 5: true });
  });
});
