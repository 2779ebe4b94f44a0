#!/usr/bin/env node
// `npm start`: runs the compiled server (dist/server) in this very process, so SIGTERM and
// SIGINT sent to it — by npm, a container runtime or systemd — reach the server, which drains.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const main = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('parley: not built yet: run "npm run build" first (it compiles the server and the web app), or "npm run dev" to run from the sources\n');
  process.exit(66);
}
// On the embedded database (no DATABASE_URL) Parley is one small process, so V8's young
// generation stays at its starting size (1 MB per half) instead of growing to 16 MB per half
// under the first bursts and keeping that for good: some 30 MB less resident, for scavenges
// that come more often (docs/BENCHMARKS.md, "Memory of the embedded default").
// PARLEY_YOUNG_GENERATION=grow leaves V8's default.
const young = process.env.PARLEY_YOUNG_GENERATION || (process.env.DATABASE_URL ? 'grow' : 'fixed');
if (young !== 'fixed' && young !== 'grow') {
  process.stderr.write('parley: configuration error: PARLEY_YOUNG_GENERATION: must be "fixed" or "grow"\n');
  process.exit(78);
}
if (young === 'fixed') setFlagsFromString('--semi-space-growth-factor=1');
await import(main);
