#!/usr/bin/env node
// `npm start`: runs the compiled server (dist/server) in this very process, so SIGTERM and
// SIGINT sent to it — by npm, a container runtime or systemd — reach the server, which drains.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('parley: not built yet: run "npm run build" first (it compiles the server and the web app), or "npm run dev" to run from the sources\n');
  process.exit(66);
}
await import(main);
