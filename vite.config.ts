import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Plugin, defineConfig } from 'vite';

const outDir = fileURLToPath(new URL('./dist/app', import.meta.url));

/**
 * Writes a .br and a .gz beside each built page, script and style sheet, once at build time;
 * Parley serves them to browsers that accept them (@fastify/static's preCompressed).
 */
function precompress(): Plugin {
  return {
    name: 'parley-precompress',
    apply: 'build',
    closeBundle() {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html|svg)$/.test(f));
      for (const file of files) {
        const path = join(outDir, file);
        const body = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/** The web app: Preact, bundled into dist/app and served by Parley at /app. */
export default defineConfig({
  root: fileURLToPath(new URL('./client/app', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  plugins: [precompress()],
  logLevel: 'warn',
});
