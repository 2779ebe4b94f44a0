import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';

/**
 * The embedded database's memory (docs/BENCHMARKS.md, "Memory of the embedded default").
 * PGlite is PostgreSQL compiled to WebAssembly, and a WebAssembly memory only grows: every
 * page PostgreSQL once touched stays with the process for as long as it lives. Three things
 * decide how much that is.
 *
 * - shared_buffers. initdb's default, 128MB, is a buffer pool PostgreSQL touches whole at
 *   start: some 130 MB resident before the first query. The embedded database is one
 *   connection in one process, and a page it does not hold is one read from the operating
 *   system's page cache away, so it keeps a small pool.
 * - Creating the data directory runs initdb beside a second PostgreSQL and copies the new
 *   directory through memory, some 600–900 MB at the peak, much of which the process would
 *   keep. It runs once, in a child process that then exits.
 * - V8 compiles PostgreSQL's code twice: first quickly (Liftoff), then the functions that run
 *   often again, optimised, in background threads whose scratch memory stays with the process:
 *   some 40–50 MB more at start, growing with use. The embedded database keeps the first
 *   compilation only (`--liftoff-only`, for WebAssembly alone; JavaScript is unaffected).
 */

/** PostgreSQL settings for the embedded database, on top of PGlite's own. */
export const PGLITE_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '8MB',
};

const settingArgs = (): string[] => Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);

/** PGlite's start parameters with PGLITE_SETTINGS added (a later `-c` wins over postgresql.conf). */
export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...settingArgs()];
}

/** initdb's parameters: the same settings, also written into the new postgresql.conf. */
export function pgliteInitDbParams(): string[] {
  return settingArgs();
}

/** V8 flags for PGlite's WebAssembly; set once, before its module is compiled. */
export const PGLITE_V8_FLAGS = ['--liftoff-only'];

let flagsSet = false;
export function setPgliteV8Flags(): void {
  if (flagsSet) return;
  flagsSet = true;
  for (const flag of PGLITE_V8_FLAGS) setFlagsFromString(flag);
}

/** Whether `dir` holds a PostgreSQL data directory already. */
export function hasDataDir(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

// The child: creates the data directory argv[2] with PGlite (its module at argv[1]) and exits.
const CHILD = `
process.on('disconnect', () => process.exit(1));
const pglite_ = await import(process.argv[1]);
const PGlite = pglite_.PGlite ?? pglite_.default.PGlite;
const pglite = await PGlite.create({ dataDir: process.argv[2], startParams: JSON.parse(process.argv[3]), initDbStartParams: JSON.parse(process.argv[4]) });
await pglite.close();
process.exit(0);
`;

/**
 * Creates the embedded data directory `dir` in a child process, so that initdb's memory goes
 * with that process. The child ends if this process exits first.
 */
export async function createDataDirApart(dir: string): Promise<void> {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const args = [...PGLITE_V8_FLAGS, '--input-type=module', '-e', CHILD, entry, dir, JSON.stringify(pgliteStartParams()), JSON.stringify(pgliteInitDbParams())];
  const child = spawn(process.execPath, args, {
    // The IPC channel is there so that the child sees this process go (its `disconnect`).
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const stop = () => child.kill('SIGKILL');
  process.once('exit', stop);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, signal) => resolve(signal ? null : exitCode));
    });
    if (code !== 0) throw new Error(`the embedded database could not create its data directory in ${dir} (exit ${code ?? 'by signal'}): ${stderr.trim()}`);
  } finally {
    process.off('exit', stop);
  }
}
