/**
 * `npm run bench:peers`: the same notification work through Parley, BullMQ and graphile-worker,
 * one after the other on the same PostgreSQL and Redis. See the "Peers" section of
 * docs/BENCHMARKS.md.
 *
 *   npm run bench:peers -- [--count 100000] [--quick] [--only parley,bullmq,graphile]
 *       [--profile-count 20000] [--in-app 0] [--no-write]
 *
 * Each system: phase 1 enqueues --count webhook notifications with no worker running; phase 2
 * starts one worker process and times the drain from its readiness to the last new webhook-id at
 * the sink (an HTTP server in a thread of this process that counts distinct webhook-ids and checks
 * signatures). CPU from /proc while draining: the worker process and the stores it uses (PostgreSQL
 * backends of its database and PostgreSQL's background processes; or Redis). Then, unless
 * --profile-count is 0, one more Parley drain of that many notifications with --cpu-prof on the
 * worker and pg_stat_activity sampled every 20 ms: where Parley's drain time goes.
 * --quick: 20,000 notifications and a 10,000 profile run (about 2 minutes).
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) creates and
 * drops the databases peers_bench_parley and peers_bench_graphile. Redis: BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379), BullMQ keys under bench-peers-<random>, deleted afterwards.
 * BENCH_SERVER_LOG=<file> keeps what the processes write.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { MACHINE, OTHERS, startCpuAccount } from './notify-cpu.ts';
import { type Sink, startSink } from './notify-sink.ts';
import { analyseCpuProfile, counterDelta, databaseCounters, mainThreadProfile, sampleStatements } from './peers-profile.ts';
import { type DrainResult, type ProfileResult, markdown, profileMarkdown, summary, writePeerSections } from './peers-report.ts';
import { bullmqSystem, type Environment, graphileSystem, type InAppResult, parleyInApp, parleySystem, type System } from './peers-systems.ts';
import { describeMachine } from './report.ts';
import { writeSummary } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'parley,bullmq,graphile' },
    'profile-count': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    /** Also (after the peers) this many in-app notifications through Parley alone, API and worker running: 0, none. */
    'in-app': { type: 'string', default: '0' },
  },
});
const inAppCount = Number(args['in-app']);
if (!Number.isInteger(inAppCount) || inAppCount < 0) throw new Error('--in-app must be a whole number (0: no in-app run)');
const count = Number(args.count ?? (args.quick ? 20_000 : 100_000));
const profileCount = Number(args['profile-count'] ?? (args.quick ? 10_000 : 20_000));
if (!Number.isInteger(count) || count < 1000) throw new Error('--count must be a whole number, at least 1,000');
if (!Number.isInteger(profileCount) || profileCount < 0) throw new Error('--profile-count must be a whole number (0: no profile run)');
const only = args.only!.split(',');
for (const key of only) if (!['parley', 'bullmq', 'graphile'].includes(key)) throw new Error(`--only: unknown system "${key}"`);

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
/** A drain that makes no progress for this long has stalled. */
const stallSeconds = 30;

const limitMinutes = 20;
setTimeout(() => {
  process.stderr.write(`bench: took longer than ${limitMinutes} minutes; stopping\n`);
  process.exit(2);
}, limitMinutes * 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

let sink: Sink;

async function main(): Promise<void> {
  const machine = await describeMachine(adminUrl);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  log(`machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAverage}`);
  sink = await startSink(webhookSecret);
  const sampler = await resilientClient(adminUrl);
  const env: Environment = { adminUrl, redisUrl, webhookUrl: `http://127.0.0.1:${sink.port}/hook`, webhookSecret, sampler, logFile: process.env.BENCH_SERVER_LOG };
  activitySampler = sampler;
  const factories = { parley: parleySystem, bullmq: bullmqSystem, graphile: graphileSystem };
  const results: DrainResult[] = [];
  const failures: string[] = [];
  for (const key of ['parley', 'bullmq', 'graphile'] as const) {
    if (!only.includes(key)) continue;
    try {
      results.push(await measure(await factories[key](env), count));
    } catch (error) {
      failures.push(`${key}: ${(error as Error).message}`);
      log(`${key} failed: ${(error as Error).stack}`);
    }
  }
  let profile: ProfileResult | undefined;
  if (profileCount > 0 && only.includes('parley')) profile = await profileParley(env, profileCount);
  let inApp: InAppResult | undefined;
  if (inAppCount > 0) {
    log(`Parley in-app: ${inAppCount.toLocaleString('en')} notifications, API and worker running`);
    inApp = await parleyInApp(env, inAppCount);
    const c = inApp.cores;
    log(
      `Parley in-app: accepted in ${inApp.acceptSeconds.toFixed(2)} s (${(inAppCount / inApp.acceptSeconds).toFixed(0)}/s), all in the feed after ${inApp.sentSeconds.toFixed(2)} s (${(inAppCount / inApp.sentSeconds).toFixed(0)}/s); ` +
        `cores: ${Object.entries(c).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; unfinished ${inApp.unfinished}`,
    );
    if (inApp.unfinished) failures.push(`in-app: ${inApp.unfinished} not in the feed`);
  }
  await sampler.end();
  await sink.close();

  const command = `npm run bench:peers${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  console.log(`\n${summary(results, profile)}\n`);
  writeSummary({
    systems: results.map((r) => ({ key: r.key, enqueueRate: r.enqueueRate, drainRate: r.drainRate, cpuUsPerNotification: r.cpuUsPerNotification, ok: r.checks.ok })),
    inApp: inApp ? { count: inAppCount, ratePerSecond: inAppCount / inApp.sentSeconds, unfinished: inApp.unfinished } : undefined,
  });
  if (!args['no-write']) {
    writePeerSections('docs/BENCHMARKS.md', markdown(results, machine, command, date, count), profile ? profileMarkdown(profile, command, date) : undefined);
    log('results written to docs/BENCHMARKS.md (Peers)');
  }
  const failed = [...results.filter((r) => !r.checks.ok).map((r) => `${r.name}: ${r.checks.detail}`), ...failures];
  if (failed.length) throw new Error(`failed: ${failed.join('; ')}`);
}

/** Phase 1 and phase 2 for one system, then its clean-up. */
async function measure(system: System, n: number, profiling?: { dir: string }): Promise<DrainResult> {
  try {
    log(`${system.name}: enqueueing ${n.toLocaleString('en')}`);
    const enqueueSeconds = await system.enqueue(n);
    log(`${system.name}: enqueued in ${enqueueSeconds.toFixed(2)} s (${(n / enqueueSeconds).toFixed(0)}/s)`);
    return await drain(system, n, enqueueSeconds, profiling);
  } finally {
    await system.cleanup();
  }
}

async function drain(system: System, n: number, enqueueSeconds: number, profiling?: { dir: string }): Promise<DrainResult> {
  await sink.reset();
  const backgroundCpu = await idleMachineCores();
  const stats = system.database ? await resilientClient(databaseUrl(system.database)) : undefined;
  const countersBefore = stats ? await databaseCounters(stats, system.database!) : undefined;

  log(`${system.name}: starting the worker (machine busy ${backgroundCpu.toFixed(2)} cores beforehand)`);
  const worker = await system.startWorker();
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const startedAt = Date.now();
  const atStart = await sink.counts();
  const cpu = await startCpuAccount([
    { label: 'worker', pids: () => [worker.pid] },
    ...system.storeGroups(),
    { label: 'benchmark process (sink)', pids: () => [process.pid] },
  ]);
  await worker.startMeasuring();
  const statements = profiling && system.database ? sampleStatements(activitySampler!, system.database) : undefined;
  const started = performance.now();
  let counts = atStart;
  let lastRead = started;
  let progressAt = started;
  let stalled = false;
  while (counts.distinct < n) {
    await sleep(50);
    const next = await sink.counts();
    if (next.distinct > counts.distinct) progressAt = performance.now();
    counts = next;
    if (performance.now() - lastRead >= 1000) {
      lastRead = performance.now();
      await cpu.read();
      log(`${system.name}: ${counts.distinct.toLocaleString('en')} delivered`);
    }
    if (performance.now() - progressAt > stallSeconds * 1000) {
      stalled = true;
      break;
    }
  }
  await cpu.read();
  const cpuSeconds = (performance.now() - started) / 1000;
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const cores = cpu.total();
  const loop = await worker.report();
  const sampled = await statements?.stop();

  // Late duplicates show within a moment. The worker's backends publish their statistics when they end.
  await sleep(1_500);
  const final = await sink.counts();
  await worker.stop(30_000);
  await sleep(500);
  const countersAfter = stats ? await databaseCounters(stats, system.database!) : undefined;
  await stats?.end();
  const unfinished = await system.unfinished();

  const delivered = counts.distinct - atStart.distinct;
  const drainSeconds = Math.max(0.001, (counts.lastDistinctAt - startedAt) / 1000);
  const stores = Object.entries(cores).filter(([label]) => label !== 'worker' && label !== MACHINE && label !== OTHERS && !label.startsWith('benchmark'));
  const storeCores = stores.reduce((a, [, c]) => a + c, 0);
  const ours = cores.worker! + storeCores;
  const problems: string[] = [];
  if (stalled) problems.push(`stalled: no new delivery for ${stallSeconds} s`);
  if (final.distinct !== n) problems.push(`${final.distinct} distinct webhook-ids, expected ${n}`);
  if (final.repeated) problems.push(`${final.repeated} sent twice`);
  if (final.badSignatures) problems.push(`${final.badSignatures} of ${final.checked} signatures checked did not verify`);
  if (unfinished) problems.push(`${unfinished} left unfinished in the store`);
  if (worker.problems.count) problems.push(`the worker logged ${worker.problems.count} warnings or errors: ${worker.problems.samples.slice(0, 2).join(' | ')}`);
  const result: DrainResult = {
    key: system.key,
    name: system.name,
    setup: system.setup,
    count: n,
    enqueueSeconds,
    enqueueRate: n / enqueueSeconds,
    delivered,
    deliveredBeforeReady: atStart.distinct,
    drainSeconds,
    drainRate: delivered / drainSeconds,
    cores,
    workerCores: cores.worker!,
    storeCores,
    cpuUsPerNotification: (ours * cpuSeconds * 1e6) / Math.max(1, delivered),
    workerUsPerNotification: (cores.worker! * cpuSeconds * 1e6) / Math.max(1, delivered),
    backgroundCpu,
    loop,
    database: countersBefore && countersAfter ? counterDelta(countersBefore, countersAfter) : undefined,
    statements: sampled,
    window: { fromUs, toUs },
    sink: final,
    unfinished,
    checks: { ok: problems.length === 0, detail: problems.length ? problems.join('; ') : `${final.distinct.toLocaleString('en')} distinct webhook-ids, none twice, ${final.checked} signatures verified, nothing left in the store` },
  };
  log(
    `${system.name}: drained ${delivered.toLocaleString('en')} in ${drainSeconds.toFixed(2)} s = ${result.drainRate.toFixed(0)}/s; ` +
      `worker ${cores.worker!.toFixed(2)} + stores ${storeCores.toFixed(2)} cores, ${result.cpuUsPerNotification.toFixed(0)} µs/notification; machine ${cores[MACHINE]!.toFixed(2)}; ${result.checks.detail}`,
  );
  return result;
}

/** A Parley drain with --cpu-prof on the worker and its statements sampled. */
async function profileParley(env: Environment, n: number): Promise<ProfileResult> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-peers-prof-'));
  try {
    const system = await parleySystem({ ...env, workerNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    log(`profile: Parley, ${n.toLocaleString('en')} notifications, --cpu-prof on the worker`);
    const drained = await measure(system, n, { dir });
    const file = mainThreadProfile(dir);
    if (!file) throw new Error('the worker wrote no CPU profile');
    return { drained, cpu: analyseCpuProfile(file, drained.window.fromUs, drained.window.toUs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The connection that reads pg_stat_activity. */
let activitySampler: pg.Client | undefined;

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A client that survives its connection being ended from outside (other work on a shared server
 * may terminate backends): a failed query reconnects and is tried once more.
 */
async function resilientClient(url: string): Promise<pg.Client> {
  let client: pg.Client | undefined;
  const open = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', (error) => {
      log(`connection to ${new URL(url).pathname.slice(1)} lost: ${error.message}`);
      if (client === c) client = undefined;
    });
    await c.connect();
    client = c;
    return c;
  };
  await open();
  const query = async (...params: unknown[]) => {
    const run = async () => ((client ?? (await open())).query as (...p: unknown[]) => Promise<unknown>)(...params);
    try {
      return await run();
    } catch (error) {
      client = undefined;
      log(`query failed (${(error as Error).message}); reconnecting`);
      return run();
    }
  };
  return { query, end: async () => client?.end().catch(() => {}) } as unknown as pg.Client;
}

/** Machine busy over two seconds while nothing of ours runs: other work on the machine. */
async function idleMachineCores(): Promise<number> {
  const cpu = await startCpuAccount([]);
  await sleep(2_000);
  return (await cpu.read())[MACHINE]!;
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
