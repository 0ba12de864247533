/**
 * Packaging (electron-forge 8): `npm run package` / `npm run make`.
 *
 * - Vite builds the main process and the preload into .vite/build and the
 *   window into .vite/renderer/main_window; the Vite plugin packages only
 *   .vite (it sets packagerConfig.ignore), so node_modules is left behind.
 * - The one native module, @journeyapps/sqlcipher, is external to the main
 *   bundle; `packageAfterCopy` below copies it and its runtime dependencies
 *   into the package's node_modules. Its .node file is unpacked from the asar
 *   (a native library cannot be loaded from inside an archive).
 * - Fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the asar's
 *   integrity checked, the app loaded only from the asar, cookies encrypted,
 *   and no extra privileges for file:// (the window is served from app://).
 *
 * Packaging downloads Electron (the binary and, for Squirrel, its tools), so
 * it runs only on a machine that can reach the internet or has them cached.
 */
import { createRequire } from 'node:module';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Native modules kept out of the main bundle (must match `nativeExternals` in vite.main.config.mts). */
const NATIVE_MODULES = ['@journeyapps/sqlcipher'];

/**
 * Dependencies needed only to build a native module, never at run time:
 * node-addon-api is C++ headers for node-gyp (its index.js only reports
 * include paths).
 */
const BUILD_ONLY = new Set(['node-addon-api']);

/** What of a native module's folder the package needs: its code, licence and the compiled addon. */
function isRuntimeFile(moduleDir: string, file: string): boolean {
  const rel = relative(moduleDir, file).split(sep).join('/');
  if (rel === '') return true;
  if (rel === 'node_modules' || rel.startsWith('node_modules/')) return false; // copied as dependencies of their own
  if (rel === 'package.json' || /^licen[cs]e/i.test(rel)) return true;
  if (rel === 'lib' || rel.startsWith('lib/')) return true;
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
  for (const name of NATIVE_MODULES) await visit(name, projectDir, true);
  return [...found.values()];
}

/** Copies the native modules and their runtime dependencies into the package being built. */
export async function copyNativeModules(projectDir: string, buildPath: string): Promise<string[]> {
  const modules = await runtimeModules(projectDir);
  for (const { name, dir, native } of modules) {
    const target = join(buildPath, 'node_modules', ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await cp(dir, target, {
      recursive: true,
      dereference: true,
      filter: (source) =>
        native ? isRuntimeFile(dir, source) : !relative(dir, source).split(sep).includes('node_modules'),
    });
  }
  return modules.map((m) => m.name);
}

const config: ForgeConfig = {
  packagerConfig: {
    asar: { unpack: '**/*.node' },
    executableName: 'dvpp-case-manager',
  },
  // @journeyapps/sqlcipher is an N-API addon: the build made at `npm install` loads in
  // Electron as it is. Rebuilding would download Electron's headers, so nothing is rebuilt
  // (and binding.gyp is not copied, so @electron/rebuild would not see it as native anyway).
  rebuildConfig: { onlyModules: [] },
  hooks: {
    packageAfterCopy: async (_config, buildPath, _electronVersion, platform, arch) => {
      if (platform !== process.platform || arch !== process.arch) {
        throw new Error(
          `The SQLCipher addon is built for ${process.platform}-${process.arch} at npm install; package on a ${platform}-${arch} machine instead.`,
        );
      }
      await copyNativeModules(__dirname, buildPath);
    },
  },
  makers: [
    new MakerSquirrel({}),
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
