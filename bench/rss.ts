/**
 * `npm run bench:rss`: the memory of the embedded default, the way `npm start` runs it (one
 * process, PGlite, no DATABASE_URL). See "Memory of the embedded default" in docs/BENCHMARKS.md.
 *
 *   npm run bench:rss -- [--idle 30] [--no-build] [--no-restart] [--json] [--no-write]
 *
 * Compiles the server (`scripts/build-server.js`, unless --no-build), then starts
 * `node scripts/start.js` on a fresh data directory, waits for /ready, idles --idle seconds and
 * reads the server's VmRSS (idle) and VmHWM (peak) from /proc. Every 100 ms it also adds up the
 * resident memory of the server and the processes it started (the one that creates the data
 * directory): the peak of that sum is the most the default ever holds at once. Then, unless
 * --no-restart, it stops the server and starts it again on the same data directory, which is
 * what every later start is. --json prints one line of JSON (for the quick mode of the other
 * benchmarks); the results go into docs/BENCHMARKS.md between the bench-rss markers unless
 * --no-write.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { describeMachine } from './report.ts';
import { writeSummary } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    idle: { type: 'string', default: '30' },
    'no-build': { type: 'boolean', default: false },
    'no-restart': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const idleSeconds = Number(args.idle);
if (!Number.isFinite(idleSeconds) || idleSeconds < 0) throw new Error('--idle must be a number of seconds');
/** The target of issue 17: the embedded default idle at most this many MB. */
const TARGET_MB = 200;

const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = (kB: number) => Math.round(kB / 1024);

interface Status {
  rssKb: number;
  hwmKb: number;
  anonKb: number;
  fileKb: number;
}

function status(pid: number): Status | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM'), anonKb: field('RssAnon'), fileKb: field('RssFile') };
  } catch {
    return undefined;
  }
}

/** The process and every process under it. */
function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${all[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim().split(/\s+/)) if (child) all.push(Number(child));
      } catch {
        // gone meanwhile
      }
    }
  }
  return all;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface StartResult {
  readyMs: number;
  idle: Status;
  /** The highest sum of the server's and its children's VmRSS, sampled every 100 ms. */
  treePeakKb: number;
  /** Processes seen under the server while it started. */
  children: number;
}

async function startOnce(dataDir: string): Promise<StartResult> {
  const port = await freePort();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PARLEY_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid!;
  let treePeakKb = 0;
  const seen = new Set<number>();
  const sample = () => {
    let sum = 0;
    for (const p of tree(pid)) {
      if (p !== pid) seen.add(p);
      sum += status(p)?.rssKb ?? 0;
    }
    treePeakKb = Math.max(treePeakKb, sum);
  };
  const sampler = setInterval(sample, 100);
  try {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited before it was ready (${child.exitCode}):\n${stderr}`);
      if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status === 200, () => false)) break;
      if (Date.now() - started > 180_000) throw new Error(`the server was not ready within 3 minutes:\n${stderr}`);
      await sleep(100);
    }
    const readyMs = Date.now() - started;
    await sleep(idleSeconds * 1000);
    sample();
    const idle = status(pid);
    if (!idle) throw new Error('the server went away while idle');
    return { readyMs, idle, treePeakKb, children: seen.size };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
    await exited;
  }
}

if (!args['no-build']) {
  log('compiling the server (scripts/build-server.js)');
  execFileSync(process.execPath, ['scripts/build-server.js'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!existsSync('dist/server/main.js')) throw new Error('dist/server is missing: run without --no-build');

const dataDir = mkdtempSync(join(tmpdir(), 'parley-rss-'));
let fresh: StartResult;
let again: StartResult | undefined;
try {
  log(`first start on a fresh data directory, then ${idleSeconds} s idle`);
  fresh = await startOnce(dataDir);
  if (!args['no-restart']) {
    log(`second start on the same data directory, then ${idleSeconds} s idle`);
    again = await startOnce(dataDir);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const summary = {
  idleSeconds,
  targetMb: TARGET_MB,
  fresh: { readyMs: fresh.readyMs, idleRssMb: MB(fresh.idle.rssKb), peakRssMb: MB(fresh.idle.hwmKb), anonMb: MB(fresh.idle.anonKb), fileMb: MB(fresh.idle.fileKb), treePeakMb: MB(fresh.treePeakKb) },
  restart: again && { readyMs: again.readyMs, idleRssMb: MB(again.idle.rssKb), peakRssMb: MB(again.idle.hwmKb), anonMb: MB(again.idle.anonKb), fileMb: MB(again.idle.fileKb), treePeakMb: MB(again.treePeakKb) },
  met: MB(fresh.idle.rssKb) <= TARGET_MB && (!again || MB(again.idle.rssKb) <= TARGET_MB),
};

const row = (name: string, r: StartResult) =>
  `| ${name} | ${(r.readyMs / 1000).toFixed(1)} s | **${MB(r.idle.rssKb)} MB** | ${MB(r.idle.anonKb)} / ${MB(r.idle.fileKb)} MB | ${MB(r.idle.hwmKb)} MB | ${MB(r.treePeakKb)} MB |`;
const table = [
  '| Start | Ready after | Idle RSS | of which anonymous / file-backed | Peak RSS of the server | Peak RSS, server and its children |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  row('first (fresh data directory)', fresh),
  ...(again ? [row('second (same data directory)', again)] : []),
].join('\n');

writeSummary(summary);
if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`${table}\n\nTarget: idle RSS ≤ ${TARGET_MB} MB: ${summary.met ? 'met' : 'NOT met'}.\n`);

if (!args['no-write']) {
  const machine = await describeMachine(undefined);
  const date = new Date().toISOString().slice(0, 10);
  const command = `npm run bench:rss -- --idle ${idleSeconds}`;
  const body = [
    `Measured ${date} with \`${command}\`. Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, ${machine.kernel}, Node ${machine.node}; load average at start ${machine.loadAverage}.`,
    '',
    table,
    '',
    `Idle RSS is VmRSS of the server process after ${idleSeconds} s without requests; file-backed is mostly the node binary's own pages. Target ≤ ${TARGET_MB} MB: ${summary.met ? 'met' : 'not met'}.`,
  ].join('\n');
  const path = 'docs/BENCHMARKS.md';
  const begin = '<!-- bench-rss:begin (written by bench/rss.ts; edit outside these markers) -->';
  const end = '<!-- bench-rss:end -->';
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path}: the markers ${begin} … ${end} are missing or out of order`);
  writeFileSync(path, `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`);
  log(`results written to ${path} (Memory of the embedded default)`);
}
