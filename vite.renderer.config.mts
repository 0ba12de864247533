import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The window. Forge's Vite plugin uses this for the Electron build; the
// browser host serves the same build from dist/renderer.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
