import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web app: Preact, bundled into dist/app and served by Parley at /app. */
export default defineConfig({
  root: fileURLToPath(new URL('./client/app', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  logLevel: 'warn',
});
