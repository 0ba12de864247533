/**
 * Packaging (electron-forge 8): `npm run package` / `npm run make`.
 *
 * - Vite builds the main process and the preload into .vite/build and the
 *   window into .vite/renderer/main_window; the Vite plugin packages only
 *   .vite (it sets packagerConfig.ignore), so node_modules is left behind.
 * - The database driver is a native module, one per platform (see
 *   src/main/db/driver.ts): Windows gets better-sqlite3-multiple-ciphers (its
 *   win32 binary ships inside the npm package), Linux and macOS get
 *   @journeyapps/sqlcipher (built from source at npm install). It is external
 *   to the main bundle; `packageAfterCopy` copies the platform's driver and its
 *   runtime dependencies, and nothing of the other, into the package's
 *   node_modules. Its .node file is unpacked from the asar (a native library
 *   cannot be loaded from inside an archive). Both are N-API addons, so the
 *   same binary loads in Node and in Electron: nothing is rebuilt.
 * - The worker threads (the backup copy worker, the thread a bs3mc connection
 *   lives on, the subject access pack's builder: `workerBundles` in
 *   src/main/worker-entry.ts) are further main-process entries, built beside
 *   main.cjs.
 * - Windows: an NSIS installer (packaging/maker-nsis.ts), which electron-updater
 *   can update; Linux: .deb and zip; macOS: zip.
 * - Fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the asar's
 *   integrity checked, the app loaded only from the asar, cookies encrypted,
 *   and no extra privileges for file:// (the window is served from app://).
 *
 * Packaging downloads Electron (the binary and, for NSIS, its tools), so
 * it runs only on a machine that can reach the internet or has them cached.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerNsis } from './packaging/maker-nsis';
import { workerBundles } from './src/main/worker-entry';

export const APP_ID = 'uk.org.dvpp.casemanager';

/**
 * The database driver each platform's package carries (must match `driverName`
 * in src/main/db/driver.ts, and `nativeExternals` in vite.main.config.mts).
 */
export function nativeModulesFor(platform: string): string[] {
  return platform === 'win32' ? ['better-sqlite3-multiple-ciphers'] : ['@journeyapps/sqlcipher'];
}

/**
 * Dependencies needed only to build a native module, never at run time:
 * node-addon-api is C++ headers for node-gyp (its index.js only reports
 * include paths).
 */
const BUILD_ONLY = new Set(['node-addon-api']);

/**
 * What of a native module's folder the package needs: its code, licence and
 * the compiled addon for the target (journeyapps: the build made at npm
 * install; better-sqlite3-multiple-ciphers: the prebuilt binary for the
 * platform and architecture, never its sources or the other platforms').
 */
export function isRuntimeFile(moduleDir: string, file: string, platform: string, arch: string): boolean {
  const rel = relative(moduleDir, file).split(sep).join('/');
  // A module that ships prebuilt binaries loads those first: a local build of it is never packaged.
  const prebuilt = existsSync(join(moduleDir, 'prebuilds'));
  if (rel === '') return true;
  if (rel === 'node_modules' || rel.startsWith('node_modules/')) return false; // copied as dependencies of their own
  if (rel === 'package.json' || /^licen[cs]e/i.test(rel)) return true;
  if (rel === 'lib' || rel.startsWith('lib/')) return true;
  if (rel === 'prebuilds') return true;
  if (rel.startsWith('prebuilds/')) return rel === `prebuilds/${platform}-${arch}.node`;
  if (prebuilt) return false;
  if (rel === 'build' || rel === 'build/Release') return true;
  return /^build\/Release\/[^/]+\.node$/.test(rel);
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
}

/**
 * The modules to copy: each native module and, recursively, its runtime
 * dependencies, with where they are installed. The layout is flat, as npm
 * installed them here; a dependency nested under another (a second version)
 * stops the build rather than being copied to the wrong place.
 */
export async function runtimeModules(
  projectDir: string,
  platform: string = process.platform,
): Promise<Array<{ name: string; dir: string; native: boolean }>> {
  const found = new Map<string, { name: string; dir: string; native: boolean }>();
  const visit = async (name: string, fromDir: string, native: boolean): Promise<void> => {
    if (found.has(name) || BUILD_ONLY.has(name)) return;
    const require = createRequire(join(fromDir, 'noop.js'));
    const dir = dirname(require.resolve(`${name}/package.json`));
    const expected = join(projectDir, 'node_modules', ...name.split('/'));
    if (dir !== expected)
      throw new Error(`${name} is installed at ${dir}, not ${expected}; copy it by hand in forge.config.ts.`);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
    found.set(name, { name, dir, native });
    for (const dependency of Object.keys(pkg.dependencies ?? {})) await visit(dependency, dir, false);
  };
  for (const name of nativeModulesFor(platform)) await visit(name, projectDir, true);
  return [...found.values()];
}

/** Copies the native modules and their runtime dependencies into the package being built. */
export async function copyNativeModules(
  projectDir: string,
  buildPath: string,
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<string[]> {
  const modules = await runtimeModules(projectDir, platform);
  for (const { name, dir, native } of modules) {
    const target = join(buildPath, 'node_modules', ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await cp(dir, target, {
      recursive: true,
      dereference: true,
      filter: (source) =>
        native ? isRuntimeFile(dir, source, platform, arch) : !relative(dir, source).split(sep).includes('node_modules'),
    });
  }
  return modules.map((m) => m.name);
}

const config: ForgeConfig = {
  packagerConfig: {
    asar: { unpack: '**/*.node' },
    executableName: 'dvpp-case-manager',
  },
  // Both drivers are N-API addons: the binary loads in Electron as it is. Rebuilding would
  // download Electron's headers, so nothing is rebuilt (and binding.gyp is not copied, so
  // @electron/rebuild would not see either as native anyway).
  rebuildConfig: { onlyModules: [] },
  hooks: {
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform, arch) => {
      // journeyapps is compiled at npm install for this machine; better-sqlite3-multiple-ciphers
      // carries a binary per platform, so a Windows package could be assembled elsewhere.
      if (platform !== 'win32' && (platform !== process.platform || arch !== process.arch)) {
        throw new Error(
          `The SQLCipher addon is built for ${process.platform}-${process.arch} at npm install; package on a ${platform}-${arch} machine instead.`,
        );
      }
      await copyNativeModules(__dirname, buildPath, platform, arch);
    },
  },
  makers: [
    new MakerNsis({ appId: APP_ID }),
    new MakerZIP({}, ['darwin', 'linux']),
    new MakerDeb({
      options: {
        bin: 'dvpp-case-manager',
        productName: 'DVPP Case Manager',
        genericName: 'Case management',
        categories: ['Office'],
        section: 'misc',
        maintainer: 'DVPP Case Manager maintainers',
        // The SQLCipher addon links against OpenSSL's libcrypto 3 (Debian 12: libssl3; 13: libssl3t64).
        depends: ['libssl3 | libssl3t64'],
      },
    }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src/main/electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
        { entry: 'src/main/electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
        // Worker threads, each its own bundle beside main.cjs, found by src/main/worker-entry.ts.
        ...workerBundles.map((w) => ({ entry: w.source, config: 'vite.main.config.mts', target: 'main' as const })),
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
    }),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
