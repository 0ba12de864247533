import { defineConfig } from 'vite';

/**
 * The window's preload (src/main/electron/preload.ts) as one CommonJS file,
 * .vite/build/preload.cjs. The window is sandboxed, so the preload can
 * `require` only `electron`: everything else it imports (the channel name from
 * src/shared/api.ts) is bundled into this one file, with no chunks.
 *
 * Forge's Vite plugin merges this over its own defaults; the file also builds
 * on its own with `vite build --config vite.preload.config.mts`.
 */
export default defineConfig((env) => {
  const underForge = 'forgeConfigSelf' in env;
  return {
    build: {
      outDir: '.vite/build',
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      rollupOptions: {
        external: ['electron', 'electron/renderer'],
        ...(underForge ? {} : { input: 'src/main/electron/preload.ts' }),
        output: {
          format: 'cjs' as const,
          codeSplitting: false,
          entryFileNames: '[name].cjs',
          chunkFileNames: '[name].cjs',
          assetFileNames: '[name].[ext]',
        },
      },
    },
  };
});
