#!/usr/bin/env node
// Compiles the server into dist/server (plain JavaScript, so production needs no TypeScript
// loader) and copies what it reads at run time beside it: the SQL migrations and the demo's media.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/server`;
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
cpSync(`${root}src/db/migrations`, `${out}/db/migrations`, { recursive: true, filter: (path) => !/\.ts$/.test(path) });
cpSync(`${root}src/demo/assets`, `${out}/demo/assets`, { recursive: true });
// The message catalogues, where src/i18n/i18n.ts looks for them from dist/server/i18n.
cpSync(`${root}locales`, `${root}dist/locales`, { recursive: true });
