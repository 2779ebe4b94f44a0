#!/usr/bin/env node
// The `parley` command (package.json "bin"): runs the compiled CLI, dist/server/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('parley: not built yet: run "npm run build" first (or "npx tsx src/cli.ts" from the sources)\n');
  process.exit(66);
}
await import(cli);
