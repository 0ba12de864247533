import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The window. The browser host serves this build from dist/renderer. Under
// electron-forge (start, package, make) the Vite plugin passes
// `forgeConfigSelf` and must keep its own output folder,
// .vite/renderer/<name>: it packages only .vite, and the main process serves
// the window from there.
export default defineConfig((env) => {
  const underForge = 'forgeConfigSelf' in env;
  return {
    root: import.meta.dirname,
    base: './',
    plugins: [react()],
    build: {
      ...(underForge ? {} : { outDir: 'dist/renderer' }),
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
    },
  };
});
