/**
 * `npm run bench`: sender-to-receiver latency of Parley with many connected clients, against a
 * bare ws relay as the floor, and server memory per idle connection. See docs/BENCHMARKS.md.
 *
 *   npm run bench -- [--clients 10000] [--rate 2000] [--warmup 5] [--duration 30] [--drain 5]
 *                    [--pglite-rate 500] [--pool 10] [--threads 2] [--only relay,postgres,pglite] [--no-write]
 *                    [--profile <dir>]
 *
 * Diagnostics: BENCH_SERVER_NODE_ARGS (e.g. "--trace-gc") are passed to Parley's node,
 * BENCH_SERVER_ENV="NAME=value ..." to its environment, and BENCH_SERVER_LOG=<file> keeps
 * everything Parley writes.
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to
 * drop and recreate the database `parley_bench`, which is left in place afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { type Generator, startGenerator } from './generator.ts';
import type { EndpointSpec, RunOptions } from './load.ts';
import { backendCpuBetween, freePort, machineCpuSeconds, postgresBackendCpu, processCpuSeconds, rssBytes, type ServerProcess, startServer } from './processes.ts';
import { checksList, describeMachine, documentSkeleton, latencyTable, markdown, memoryTable, type PhaseResult, writeDocument } from './report.ts';
import { writeSummary } from './summary.ts';
import { benchPairs, countStored, type Pair, recreatePostgresDatabase, seed, type Storage } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '5' },
    duration: { type: 'string', default: '30' },
    drain: { type: 'string', default: '5' },
    'pglite-rate': { type: 'string', default: '500' },
    pool: { type: 'string', default: '10' },
    /** Worker threads of the load generator. */
    threads: { type: 'string', default: '2' },
    only: { type: 'string', default: 'relay,postgres,pglite' },
    'no-write': { type: 'boolean', default: false },
    /** Write a V8 CPU profile of each Parley process into this directory. */
    profile: { type: 'string' },
  },
});

const number = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const clientCount = number('clients');
if (clientCount % 2 !== 0) throw new Error('--clients must be even: users come in buyer–seller pairs');
const rate = number('rate');
const pgliteRate = number('pglite-rate');
const threads = number('threads');
const phases = new Set(args.only!.split(','));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDatabase = 'parley_bench';
const timing = { warmupSeconds: number('warmup'), durationSeconds: number('duration'), drainSeconds: number('drain') };
const settleMs = 5_000;
const target = { p95: 15, p99: 40 };

const secrets = {
  apiKey: randomBytes(24).toString('base64url'),
  jwtSecret: randomBytes(32).toString('base64url'),
  encryptionKey: `bench:${randomBytes(32).toString('base64')}`,
};

// Everything stops by itself: a hard limit on the whole run (children are killed on exit).
const watchdog = setTimeout(
  () => {
    process.stderr.write('bench: took longer than 25 minutes; stopping\n');
    process.exit(2);
  },
  25 * 60_000,
);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

async function main(): Promise<void> {
  const pairs = benchPairs(clientCount / 2);
  const machine = await describeMachine(phases.has('postgres') ? adminUrl : undefined);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  log(`machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAverage}`);
  const tokens = await signTokens(pairs);
  const parleyEndpoint = (port: number): EndpointSpec => ({ kind: 'parley', port, tokens });
  const results: PhaseResult[] = [];

  if (phases.has('relay')) {
    results.push(
      await measure({
        name: 'Bare ws relay (floor)',
        rate,
        pairs,
        start: (port) => startServer({ name: 'relay', script: 'bench/relay.ts', port, env: {}, readyPath: '/', readyStatus: 426 }),
        endpoint: (port) => ({ kind: 'relay', port }),
      }),
    );
  }
  if (phases.has('postgres')) {
    const databaseUrl = await recreatePostgresDatabase(adminUrl, benchDatabase);
    results.push(
      await measure({
        name: 'Parley on PostgreSQL',
        target,
        rate,
        pairs,
        storage: { databaseUrl },
        start: (port, dataDir) => startParley(port, { DATABASE_URL: databaseUrl, PARLEY_DATA_DIR: dataDir }),
        endpoint: parleyEndpoint,
      }),
    );
  }
  if (phases.has('pglite')) {
    results.push(
      await measure({
        name: 'Parley on PGlite (embedded)',
        rate: pgliteRate,
        pairs,
        storage: 'pglite',
        start: (port, dataDir) => startParley(port, { PARLEY_DATA_DIR: dataDir }),
        endpoint: parleyEndpoint,
      }),
    );
  }

  const settings = `${clientCount.toLocaleString('en')} clients, ${timing.warmupSeconds} s warm-up + ${timing.durationSeconds} s measured, open-loop schedule, load generator in ${threads} threads, PostgreSQL pool ${args.pool}`;
  console.log(`\n${latencyTable(results)}\n\n${memoryTable(results)}\n\n${checksList(results)}\n\n${ratios(results)}\n`);
  writeSummary({
    setups: results.map((p) => ({
      name: p.name,
      relay: p.name.startsWith('Bare ws relay'),
      achievedRate: p.run.achievedRate,
      p95Ms: p.run.latency.p95,
      cpuUsPerMessage: ((p.serverCpu + (p.postgresCpu ?? 0)) / p.run.achievedRate) * 1e6,
    })),
  });
  if (!args['no-write']) {
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    writeDocument('docs/BENCHMARKS.md', markdown(results, machine, command, date, settings), documentSkeleton);
    log('results written to docs/BENCHMARKS.md');
  }
}

/**
 * CPU per message (the server and, for Parley on PostgreSQL, its backends) and each setup's
 * ratios to the relay measured in the same run: the chat target is CPU per message ≤ 3× and
 * p95 ≤ 10× the relay's.
 */
function ratios(results: PhaseResult[]): string {
  const perMessage = (p: PhaseResult) => ((p.serverCpu + (p.postgresCpu ?? 0)) / p.run.achievedRate) * 1e6;
  const µs = (cores: number, p: PhaseResult) => `${((cores / p.run.achievedRate) * 1e6).toFixed(0)} µs`;
  const relay = results.find((p) => p.name.startsWith('Bare ws relay'));
  const lines = ['| Setup | CPU per message (server) | (PostgreSQL) | (both) | × relay CPU | p95 | × relay p95 |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const p of results) {
    const cpuRatio = relay && p !== relay ? `${(perMessage(p) / perMessage(relay)).toFixed(1)}×` : '–';
    const p95Ratio = relay && p !== relay ? `${(p.run.latency.p95 / relay.run.latency.p95).toFixed(1)}×` : '–';
    lines.push(
      `| ${p.name} | ${µs(p.serverCpu, p)} | ${p.postgresCpu === undefined ? '–' : µs(p.postgresCpu, p)} | ${perMessage(p).toFixed(0)} µs | ${cpuRatio} | ${p.run.latency.p95.toFixed(1)} ms | ${p95Ratio} |`,
    );
  }
  return lines.join('\n');
}

interface PhaseSpec {
  name: string;
  target?: { p95: number; p99: number };
  rate: number;
  pairs: Pair[];
  /** Seeded before the server starts; 'pglite' = the embedded database in the server's data dir. */
  storage?: Storage | 'pglite';
  start(port: number, dataDir: string): Promise<ServerProcess>;
  endpoint(port: number): EndpointSpec;
}

/** Seeds, starts the server, measures idle memory, runs the load, stops, checks storage. */
async function measure(spec: PhaseSpec): Promise<PhaseResult> {
  log(`${spec.name}: seeding and starting`);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const storage: Storage | undefined = spec.storage === 'pglite' ? { dataDir } : spec.storage;
  let server: ServerProcess | undefined;
  let generator: Generator | undefined;
  try {
    if (storage) await seed(storage, spec.pairs);
    const port = await freePort();
    server = await spec.start(port, dataDir);
    const idle = machineCpuSeconds();
    await sleep(settleMs);
    const backgroundCpu = busyCores(idle, machineCpuSeconds());
    const before = await settledMemory(server);
    log(`${spec.name}: opening ${clientCount} sockets`);
    const opening = performance.now();
    generator = await startGenerator(spec.pairs, spec.endpoint(port), threads);
    log(`${spec.name}: ${generator.sockets} sockets open in ${((performance.now() - opening) / 1000).toFixed(1)} s; settling`);
    await sleep(settleMs);
    const after = await settledMemory(server);

    log(`${spec.name}: ${spec.rate} msg/s for ${timing.warmupSeconds} + ${timing.durationSeconds} s`);
    const usesPostgres = spec.storage !== undefined && spec.storage !== 'pglite';
    const cpuBefore = { server: processCpuSeconds(server.pid), machine: machineCpuSeconds(), postgres: postgresBackendCpu(benchDatabase) };
    const options: RunOptions = { rate: spec.rate, ...timing };
    await server.startMeasuring();
    const run = await generator.run(options);
    const loopDelay = await server.report();
    const machineAfter = machineCpuSeconds();
    const serverCpu = (processCpuSeconds(server.pid) - cpuBefore.server) / run.wallSeconds;
    const postgresCpu = usesPostgres ? backendCpuBetween(cpuBefore.postgres, postgresBackendCpu(benchDatabase)) / run.wallSeconds : undefined;
    const machineCpu = busyCores(cpuBefore.machine, machineAfter);
    log(`${spec.name}: p50 ${run.latency.p50.toFixed(1)} p95 ${run.latency.p95.toFixed(1)} p99 ${run.latency.p99.toFixed(1)} max ${run.latency.max.toFixed(1)} ms, lost ${run.lost}`);

    await generator.close();
    generator = undefined;
    await sleep(3_000); // the server records 10,000 users going offline before it is stopped
    await server.stop();
    for (const line of server.problems.samples) log(`${spec.name} logged: ${line}`);
    const stored = storage ? await countStored(storage) : undefined;
    return {
      name: spec.name,
      target: spec.target,
      rate: spec.rate,
      clients: clientCount,
      memory: { before, after, connections: clientCount },
      run,
      serverCpu,
      postgresCpu,
      machineCpu,
      backgroundCpu,
      loopDelay,
      stored,
      serverProblems: server.problems,
    };
  } catch (error) {
    if (server) process.stderr.write(`${spec.name} output (last lines):\n${server.output().slice(-20).join('\n')}\n`);
    throw error;
  } finally {
    await generator?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Resident memory (VmRSS) and JS heap in use, after full garbage collections with pauses between
 * them: memory a collection frees goes back to the system a little later.
 */
async function settledMemory(server: ServerProcess): Promise<{ rss: number; heap: number }> {
  await server.collectGarbage();
  await sleep(2_000);
  const heap = (await server.collectGarbage()) ?? Number.NaN;
  await sleep(2_000);
  return { rss: rssBytes(server.pid), heap };
}

function startParley(port: number, env: Record<string, string>): Promise<ServerProcess> {
  return startServer({
    name: 'parley',
    script: 'src/main.ts',
    port,
    readyPath: '/ready',
    readyStatus: 200,
    nodeArgs: [
      ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : []),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    logFile: process.env.BENCH_SERVER_LOG,
    env: {
      ...env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARLEY_API_KEYS: secrets.apiKey,
      PARLEY_JWT_SECRET: secrets.jwtSecret,
      PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
      PARLEY_SEND_RATE_LIMIT: '1000000',
      PARLEY_DATABASE_POOL_SIZE: args.pool!,
      ...serverEnv(),
    },
  });
}

/** BENCH_SERVER_ENV="NAME=value NAME=value": settings passed to Parley on top of the benchmark's own. */
function serverEnv(): Record<string, string> {
  return Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(' ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

async function signTokens(pairs: Pair[]): Promise<Record<string, string>> {
  const key = new TextEncoder().encode(secrets.jwtSecret);
  const sign = (sub: string, role: string) =>
    new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('2h').sign(key);
  const tokens: Record<string, string> = {};
  for (const p of pairs) {
    tokens[p.buyer] = await sign(p.buyer, 'buyer');
    tokens[p.seller] = await sign(p.seller, 'seller');
  }
  return tokens;
}

/** Cores busy between two samples of the machine's CPU time (busy share of all cores × cores). */
function busyCores(from: { busy: number; total: number }, to: { busy: number; total: number }): number {
  return ((to.busy - from.busy) / (to.total - from.total)) * availableParallelism();
}

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
