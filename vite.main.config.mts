import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Electron's main process (src/main/electron/main.ts) as one CommonJS file,
 * .vite/build/main.cjs.
 *
 * Forge's Vite plugin merges this over its own defaults (output folder,
 * `electron` and Node's built-ins external, the MAIN_WINDOW_* defines, the
 * entry from forge.config.ts). The file also builds on its own with
 * `vite build --config vite.main.config.mts`, which is how it is checked where
 * Electron cannot be downloaded.
 *
 * The database drivers are native addons: they stay external and
 * forge.config.ts copies the platform's one (with its runtime dependencies)
 * into the package. The backup copy worker is a second entry, built on its own
 * beside main.cjs as copy-worker.cjs (forge.config.ts lists it; building it
 * alone: `vite build --config vite.main.config.mts` with that entry, as
 * tests/main/electron/bundle.test.ts does).
 * Everything else, `migrations/` included, is bundled.
 */
export const nativeExternals = ['@journeyapps/sqlcipher', 'better-sqlite3-multiple-ciphers'];

const external = [
  'electron',
  /^electron\//,
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...nativeExternals,
  ...nativeExternals.map((name) => new RegExp(`^${name.replace('/', '\\/')}\\/`)),
];

export default defineConfig((env) => {
  const underForge = 'forgeConfigSelf' in env;
  return {
    build: {
      outDir: '.vite/build',
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'node22',
      // Readable stack frames in the log (the log keeps frames, never messages).
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      ...(underForge
        ? {}
        : { lib: { entry: 'src/main/electron/main.ts', formats: ['cjs' as const], fileName: () => '[name].cjs' } }),
      rollupOptions: { external },
    },
    resolve: {
      // Node's entry points of dependencies, never their browser builds.
      conditions: ['node'],
      mainFields: ['module', 'jsnext:main', 'jsnext'],
    },
  };
});
