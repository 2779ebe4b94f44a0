/**
 * `npm run bench:notify-search`: the highest offered rate at which the notification queue stays
 * bounded while the API accepts and the worker dispatches at once, searched for rather than tried
 * at one rate, and set against two ceilings measured in the same run. See "Sustained search" in
 * the Notifications section of docs/BENCHMARKS.md.
 *
 *   npm run bench:notify-search -- [--quick] [--trial 10] [--trials 5] [--raw-seconds 5]
 *       [--raw-connections 2] [--fill-seconds 3] [--layout split|combined] [--in-flight 8]
 *       [--users 100000] [--no-write]
 *
 * On PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; the
 * database `parley_bench_notify` is dropped and made again), one deployment of Parley (by default
 * an api process and a worker process, PARLEY_ROLES; Redis at BENCH_REDIS_URL), a webhook sink in
 * this process:
 * 1. raw insert ceiling: the acceptor's own INSERT statement from --raw-connections connections
 *    for --raw-seconds, no HTTP (notifications of two channels a second, as bench:notifications);
 * 2. the worker's drain rate alone: a backlog written by that statement for --fill-seconds (the
 *    worker running and warming up meanwhile), then timed from the last write until it is empty;
 *    once before the searches and once after them, and the faster of the two counts;
 * 3. the search, for (a) in-app + webhook and (b) in-app-only notifications: trials of --trial
 *    seconds, batches of 1,000 through POST /notifications/batch open-loop at an offered rate,
 *    bisected (geometrically) over --trials trials. A trial is bounded when the API accepted at
 *    least 95 % of what was offered, the queue at its end holds at most two seconds of the offered
 *    work, and it did not grow over the trial's second half by more than 10 % of the offered
 *    deliveries a second while holding more than half that. Between trials the queue drains (or is emptied).
 * It reports (a)'s best bounded rate against the drain rate alone (target ≥ 75 %) and (b)'s
 * against the raw insert ceiling (target ≥ 50 %). Without --quick, one more trial offers
 * low-priority notifications at three times the drain rate to an API process started afresh with
 * PARLEY_QUEUE_MAX_SECONDS=5 (the searches run with no limit): the API should refuse with 429
 * queue_backlog and the queue stop growing.
 * --quick (3 trials each, 5 s, shorter ceilings)
 * finishes in about 90 s. PARLEY_WORKER_BATCH, PARLEY_WORKER_IN_FLIGHT, PARLEY_POLL_MS and
 * PARLEY_LEASE_SECONDS in this environment are passed on to Parley.
 */
import { adminUrl, benchSecrets, redisUrl, workerEnv } from './notify-env.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Channel } from '../src/notifications/model.ts';
import { type Cores, type CpuGroup, MACHINE, postgresGroups, startCpuAccount } from './notify-cpu.ts';
import { runBatchLoad } from './notify-load.ts';
import { rawInsert } from './notify-raw.ts';
import { type Sink, startSink } from './notify-sink.ts';
import { freePort, type ServerProcess, startServer } from './processes.ts';
import { describeMachine, type Machine } from './report.ts';
import { writeSummary } from './summary.ts';
import { recreatePostgresDatabase, seed } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    trial: { type: 'string' },
    trials: { type: 'string' },
    'raw-seconds': { type: 'string' },
    'raw-connections': { type: 'string', default: '2' },
    'fill-seconds': { type: 'string' },
    layout: { type: 'string', default: 'split' },
    'in-flight': { type: 'string', default: '8' },
    users: { type: 'string', default: '100000' },
    'no-write': { type: 'boolean', default: false },
  },
});

const quick = args.quick!;
const positive = (name: keyof typeof args, fallback: number) => {
  const raw = args[name] as string | undefined;
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const settings = {
  trialSeconds: positive('trial', quick ? 5 : 10),
  trials: positive('trials', quick ? 3 : 5),
  rawSeconds: positive('raw-seconds', quick ? 3 : 5),
  rawConnections: args['raw-connections']!.split(',').map(Number),
  fillSeconds: positive('fill-seconds', quick ? 1.5 : 3),
  inFlight: positive('in-flight', 8),
  users: positive('users', 100_000),
  batchSize: 1000,
  /** Longest wait for the queue to drain between trials, seconds; then it is emptied. */
  settleSeconds: quick ? 3 : 8,
};
if (settings.rawConnections.some((c) => !Number.isInteger(c) || c <= 0)) throw new Error('--raw-connections must be whole numbers, comma-separated');
const layout = args.layout as 'split' | 'combined';
if (layout !== 'split' && layout !== 'combined') throw new Error('--layout must be split or combined');
const benchDatabase = 'parley_bench_notify';
const secrets = benchSecrets();
/** Trials below this rate are not worth a trial: the search stops there. */
const FLOOR_RATE = 250;
/** The queue at a trial's end may hold this many seconds of the offered work. */
const BOUND_SECONDS = 2;
/** PARLEY_QUEUE_MAX_SECONDS of the deployment. */
const BACKPRESSURE_SECONDS = 5;
/** And over the trial's second half it may grow by at most this share of the offered deliveries a second. */
const GROWTH_SHARE = 0.1;

const limitMinutes = 15;
setTimeout(() => {
  process.stderr.write(`bench: took longer than ${limitMinutes} minutes; stopping\n`);
  process.exit(2);
}, limitMinutes * 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

interface Trial {
  mix: string;
  offered: number;
  accepted: number;
  /** Deliveries a second sent to the sink (webhook) and by the worker (in-app: offered less what is left). */
  webhooks: number;
  depthAtEnd: number;
  /** Least-squares growth of the queue over the trial's second half, deliveries a second. */
  depthSlope: number;
  machineCores: number;
  /** Parley's processes and PostgreSQL. */
  cores: number;
  errors: string;
  bounded: boolean;
}

interface Search {
  mix: string;
  channels: Channel[];
  trials: Trial[];
  /** The highest offered rate found bounded (0: none). */
  best: number;
  /** The lowest found unbounded (undefined: none). */
  unbounded?: number;
}

interface Backpressure {
  offered: number;
  accepted: number;
  refused: number;
  webhooks: number;
  maxDepth: number;
  depthAtEnd: number;
  seconds: number;
}

interface Drain {
  when: string;
  notifications: number;
  seconds: number;
  notificationsPerSecond: number;
  /** Parley's processes and PostgreSQL; the whole machine. */
  cores: number;
  machine: number;
}

interface Results {
  machine: Machine;
  raw: { connections: number; notificationsPerSecond: number; cores: number; machine: number }[];
  drains: Drain[];
  backpressure?: Backpressure;
  searches: Search[];
}

let sink: Sink;
const processes: ServerProcess[] = [];
let cpuGroups: () => CpuGroup[] = () => [];

/** Cores used by Parley's processes and PostgreSQL (its backends for the benchmark database and its background processes). */
const ours = (cores: Cores) => Object.entries(cores).reduce((sum, [label, c]) => (label.startsWith('Parley') || label.startsWith('PostgreSQL') ? sum + c : sum), 0);

async function main(): Promise<void> {
  const started = performance.now();
  const machine = await describeMachine(adminUrl);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  log(`machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAverage}`);
  sink = await startSink(secrets.webhook);
  const databaseUrl = await recreatePostgresDatabase(adminUrl, benchDatabase);
  await seed({ databaseUrl }, []);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-search-'));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const samplerPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  cpuGroups = () => [...processes.map((p) => ({ label: `Parley ${p.name}`, pids: () => [p.pid] })), ...postgresGroups(client, benchDatabase, () => [samplerPid])];
  const depth = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_queue')).rows[0]!.n;
  try {
    const start = (name: string, roles: string) => startParley(name, roles, databaseUrl, dataDir);
    // Accepting only, until the drain is measured.
    const api = await start(layout === 'split' ? 'api' : 'api (no worker)', 'api');

    // 1. The raw insert ceiling.
    const raw: Results['raw'] = [];
    for (const connections of settings.rawConnections) {
      const cpu = await startCpuAccount(cpuGroups());
      const r = await rawInsert(databaseUrl, connections, settings.rawSeconds, settings.batchSize, settings.users, () => cpu.read());
      await cpu.read();
      raw.push({ connections, notificationsPerSecond: r.rows / r.seconds / 2, cores: ours(cpu.total()), machine: cpu.total()[MACHINE]! });
      log(`raw insert, ${connections} connection(s): ${(r.rows / r.seconds / 2).toFixed(0)} notifications/s (${(r.rows / r.seconds).toFixed(0)} rows/s)`);
      await client.query('TRUNCATE notification_logs, notification_queue');
    }
    const ceiling = Math.max(...raw.map((r) => r.notificationsPerSecond));

    // 2. The worker's drain rate alone: a backlog written by the acceptor's statement while the
    //    worker runs (and warms up), then timed from the last write until the queue is empty.
    const worker = await startParleyLater(layout === 'split' ? 'worker' : 'api+worker', layout === 'split' ? 'worker' : 'api,worker', databaseUrl, dataDir, layout === 'combined' ? api : undefined);
    const measureDrain = async (when: string): Promise<Drain> => {
      await rawInsert(databaseUrl, 1, settings.fillSeconds, settings.batchSize, settings.users, async () => {});
      // The acceptor settles in-app items at once (written as sent, never queued): the raw statement
      // queues them, so their queue rows go, and the worker drains what it would be given.
      await client.query(`DELETE FROM notification_queue q USING notification_logs l WHERE q.log_id = l.log_id AND l.channel = 'in-app'`);
      const drainCpu = await startCpuAccount(cpuGroups());
      const t0 = performance.now();
      const backlog = await depth();
      let last = { t: 0, depth: backlog };
      while (last.depth > 0 && last.t < 120) {
        await sleep(250);
        last = { depth: await depth(), t: (performance.now() - t0) / 1000 };
      }
      await drainCpu.read();
      const drained = backlog - last.depth;
      log(`drain alone, ${when}: ${drained} notifications' webhooks in ${last.t.toFixed(1)} s = ${(drained / last.t).toFixed(0)}/s${last.depth ? ` (${last.depth} deliveries left)` : ''}`);
      await client.query('TRUNCATE notification_logs, notification_queue');
      return { when, notifications: drained, seconds: last.t, notificationsPerSecond: drained / last.t, cores: ours(drainCpu.total()), machine: drainCpu.total()[MACHINE]! };
    };
    const drains = [await measureDrain('before the searches')];
    const drain = drains[0]!;
    const accepting = layout === 'split' ? api : worker;

    // 3. The searches.
    const searches: Search[] = [];
    const trial = (mix: string, channels: Channel[]) => (rate: number) => runTrial(accepting, mix, channels, rate, depth, client);
    searches.push(await search('in-app + webhook', ['in-app', 'webhook'], trial('in-app + webhook', ['in-app', 'webhook']), drain.notificationsPerSecond * 0.75, drain.notificationsPerSecond * 1.5));
    searches.push(await search('in-app only', ['in-app'], trial('in-app only', ['in-app']), ceiling * 0.5, ceiling * 2));

    // Overload with back-pressure: low-priority notifications at three times the drain rate.
    // The accepting process starts afresh with the limit set, so that its drain-rate window holds
    // none of the benchmark's own raw writes and TRUNCATEs, which no producer would make.
    let backpressure: Backpressure | undefined;
    if (!quick) {
      const [name, roles] = layout === 'split' ? ['api', 'api'] : ['api+worker', 'api,worker'];
      const fresh = await startParleyLater(name, roles, databaseUrl, dataDir, accepting, { PARLEY_QUEUE_MAX_SECONDS: String(BACKPRESSURE_SECONDS) });
      backpressure = await runBackpressure(fresh, Math.round(3 * drain.notificationsPerSecond), depth, client);
    }

    // Again once everything is warm; the faster of the two is the drain rate the searches are set against.
    drains.push(await measureDrain('after the searches'));
    const results: Results = { machine, raw, drains, searches, backpressure };
    const command = `npm run bench:notify-search${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const section = markdown(results, command, date, (performance.now() - started) / 1000);
    console.log(`\n${section}\n`);
    writeSummary({
      rawCeiling: ceiling,
      drainAlone: Math.max(...drains.map((d) => d.notificationsPerSecond)),
      searches: searches.map((s) => ({ mix: s.mix, bounded: s.best, unbounded: s.unbounded ?? null })),
    });
    if (!args['no-write']) {
      writeSection('docs/BENCHMARKS.md', section);
      log('results written to docs/BENCHMARKS.md (Notifications, sustained search)');
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop(10_000)));
    await client.end();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Bisects geometrically between a bounded and an unbounded rate: the first trial at `first` (the
 * target), then up towards `ceiling` or down by half until both ends are known.
 */
async function search(mix: string, channels: Channel[], run: (rate: number) => Promise<Trial>, first: number, ceiling: number): Promise<Search> {
  const trials: Trial[] = [];
  let lo = 0;
  let hi: number | undefined;
  let rate = Math.round(first);
  for (let i = 0; i < settings.trials && rate >= FLOOR_RATE; i++) {
    const t = await run(rate);
    trials.push(t);
    if (t.bounded) lo = Math.max(lo, rate);
    else hi = Math.min(hi ?? Number.POSITIVE_INFINITY, rate);
    const top = hi ?? Math.max(ceiling, lo * 1.5);
    rate = Math.round(lo === 0 ? top / 2 : Math.sqrt(lo * top));
    if (hi !== undefined && lo > 0 && hi / lo < 1.08) break;
  }
  log(`${mix}: bounded up to ${lo.toFixed(0)}/s${hi ? `, not at ${hi.toFixed(0)}/s` : ''}`);
  return { mix, channels, trials, best: lo, unbounded: hi };
}

async function runTrial(api: ServerProcess, mix: string, channels: Channel[], rate: number, depth: () => Promise<number>, client: pg.Client): Promise<Trial> {
  await sink.reset();
  const cpu = await startCpuAccount(cpuGroups());
  // Batches of 1,000, or smaller at low rates: at least about eight a second.
  const batchSize = Math.max(50, Math.min(settings.batchSize, Math.round(rate / 8)));
  const load = runBatchLoad({ port: api.port, apiKey: secrets.apiKey, rate, batchSize, seconds: settings.trialSeconds, maxInFlight: settings.inFlight, users: settings.users, channels });
  let done = false;
  const result = load.result.finally(() => (done = true));
  const samples: [number, number][] = [];
  const t0 = performance.now();
  while (!done) {
    await Promise.race([sleep(1000), result]);
    const t = (performance.now() - t0) / 1000;
    if (t >= settings.trialSeconds / 2) samples.push([t, await depth()]);
  }
  const r = await result;
  const seconds = (performance.now() - t0) / 1000;
  const end = await depth();
  samples.push([seconds, end]);
  await cpu.read();
  const machineCores = cpu.total()[MACHINE]!;
  const cores = ours(cpu.total());
  const counts = await sink.counts();
  const offeredTotal = r.scheduledBatches * batchSize;
  // In-app items are settled at acceptance: only the other channels wait in the queue.
  const queued = Math.max(1, channels.filter((c) => c !== 'in-app').length);
  const bound = Math.max(2_000, BOUND_SECONDS * rate * queued);
  const depthSlope = slope(samples);
  // Growth counts once the queue holds half the bound: below that, a slope over a few readings is noise.
  const growing = depthSlope > GROWTH_SHARE * rate * queued && end > bound / 2;
  const bounded = r.accepted >= 0.95 * offeredTotal && end <= bound && !growing;
  const trial: Trial = {
    mix,
    offered: rate,
    accepted: r.accepted / seconds,
    webhooks: counts.distinct / seconds,
    depthAtEnd: end,
    depthSlope,
    machineCores,
    cores,
    errors: Object.entries(r.errors.counts).map(([k, v]) => `${k} ×${v}`).join(', '),
    bounded,
  };
  log(
    `${mix} at ${rate}/s: accepted ${trial.accepted.toFixed(0)}/s, webhooks ${trial.webhooks.toFixed(0)}/s, queue at end ${end} (bound ${bound}), growing ${trial.depthSlope.toFixed(0)}/s, ` +
      `Parley + PostgreSQL ${cores.toFixed(2)} cores (machine ${machineCores.toFixed(2)})${trial.errors ? `, errors ${trial.errors}` : ''}: ${bounded ? 'bounded' : 'NOT bounded'}`,
  );
  // The queue drains (or is emptied) before the next trial, so that each starts alike.
  const settleUntil = performance.now() + settings.settleSeconds * 1000;
  while ((await depth()) > 0 && performance.now() < settleUntil) await sleep(250);
  await client.query('TRUNCATE notification_logs, notification_queue');
  return trial;
}

/**
 * Low-priority notifications offered at `rate` (well past the drain) for --trial seconds against
 * PARLEY_QUEUE_MAX_SECONDS: the API should answer 429 queue_backlog once the queue holds that much
 * work, and the queue should stop growing there.
 */
async function runBackpressure(api: ServerProcess, rate: number, depth: () => Promise<number>, client: pg.Client): Promise<Backpressure> {
  await sink.reset();
  const batchSize = Math.max(50, Math.min(settings.batchSize, Math.round(rate / 8)));
  const load = runBatchLoad({ port: api.port, apiKey: secrets.apiKey, rate, batchSize, seconds: settings.trialSeconds, maxInFlight: settings.inFlight, users: settings.users, priority: 'low' });
  let done = false;
  const result = load.result.finally(() => (done = true));
  const t0 = performance.now();
  let maxDepth = 0;
  while (!done) {
    await Promise.race([sleep(1000), result]);
    maxDepth = Math.max(maxDepth, await depth());
  }
  const r = await result;
  const seconds = (performance.now() - t0) / 1000;
  const depthAtEnd = await depth();
  const refused = Object.entries(r.errors.counts).reduce((sum, [k, v]) => (k.includes('queue_backlog') ? sum + v * batchSize : sum), 0);
  const others = Object.entries(r.errors.counts).filter(([k]) => !k.includes('queue_backlog'));
  const out = { offered: rate, accepted: r.accepted / seconds, refused, webhooks: (await sink.counts()).distinct / seconds, maxDepth: Math.max(maxDepth, depthAtEnd), depthAtEnd, seconds };
  log(
    `back-pressure, low priority at ${rate}/s: accepted ${out.accepted.toFixed(0)}/s, refused ${refused} with 429 queue_backlog, queue max ${out.maxDepth}, at end ${depthAtEnd}` +
      `${others.length ? `; other errors ${others.map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`,
  );
  const settleUntil = performance.now() + settings.settleSeconds * 1000;
  while ((await depth()) > 0 && performance.now() < settleUntil) await sleep(250);
  await client.query('TRUNCATE notification_logs, notification_queue');
  return out;
}

async function startParley(name: string, roles: string, databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await startServer({
    name,
    script: 'src/main.ts',
    port: await freePort(),
    env: {
      ...workerEnv,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARLEY_API_KEYS: secrets.apiKey,
      PARLEY_JWT_SECRET: secrets.jwtSecret,
      PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
      PARLEY_DATA_DIR: join(dataDir, name.replace(/\W+/g, '-')),
      PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', url: `http://127.0.0.1:${sink.port}/hook`, secret: secrets.webhook }] }),
      PARLEY_ROLES: roles,
      // No back-pressure while searching: the benchmark's own raw writes and TRUNCATEs would mislead the drain-rate estimate.
      PARLEY_QUEUE_MAX_ROWS: '0',
      ...env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PARLEY_REDIS_PREFIX: `bench-search-${process.pid}`,
    },
    readyPath: '/ready',
    readyStatus: 200,
    logFile: process.env.BENCH_SERVER_LOG,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    timeoutMs: 90_000,
  });
  processes.push(p);
  return p;
}

/** Starts the worker; in the one-process layout, the accepting-only process is replaced by one with both roles. */
async function startParleyLater(name: string, roles: string, databaseUrl: string, dataDir: string, replace?: ServerProcess, env: Record<string, string> = {}): Promise<ServerProcess> {
  if (replace) {
    await replace.stop(10_000);
    processes.splice(processes.indexOf(replace), 1);
  }
  return startParley(name, roles, databaseUrl, dataDir, env);
}

function slope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : 0;
}

const n = (v: number) => Math.round(v).toLocaleString('en');
const perNotification = (cores: number, rate: number) => (rate > 0 ? n((cores * 1e6) / rate) : '–');
const pct = (v: number) => `${(v * 100).toFixed(0)} %`;

function markdown(results: Results, command: string, date: string, seconds: number): string {
  const { machine, raw, drains, searches } = results;
  const drain = drains.reduce((a, b) => (b.notificationsPerSecond > a.notificationsPerSecond ? b : a));
  const ceiling = Math.max(...raw.map((r) => r.notificationsPerSecond));
  const [both, inApp] = searches as [Search, Search];
  const out = [
    `Measured ${date} with \`${command}\` (${settings.trials} trials of ${settings.trialSeconds} s per search, batches of 1,000 over HTTP, at most ${settings.inFlight} in flight, ${layout === 'split' ? 'an api process and a worker process' : 'one process, both roles'}${Object.keys(workerEnv).length ? `, ${Object.entries(workerEnv).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}; ${seconds.toFixed(0)} s in all).`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, PostgreSQL ${machine.postgres}. Load average at start: ${machine.loadAverage}. Parley, PostgreSQL, Redis and the benchmark share the machine.`,
    '',
    '| measured in this run | notifications/s | Parley + PostgreSQL cores | CPU µs per notification | machine cores |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...raw.map((r) => `| raw insert ceiling, ${r.connections} connection(s) (the acceptor's statement, no HTTP; 2 channels each) | ${n(r.notificationsPerSecond)} | ${r.cores.toFixed(2)} | ${perNotification(r.cores, r.notificationsPerSecond)} | ${r.machine.toFixed(2)} |`),
    ...drains.map((d) => `| the worker's drain alone, ${d.when} (${n(d.notifications)} notifications' webhooks, nothing accepted meanwhile) | ${n(d.notificationsPerSecond)} | ${d.cores.toFixed(2)} | ${perNotification(d.cores, d.notificationsPerSecond)} | ${d.machine.toFixed(2)} |`),
    `| **(a) bounded, in-app + webhook** (highest offered rate found) | **${n(both.best)}** | | | |`,
    `| **(b) bounded, in-app only** | **${n(inApp.best)}** | | | |`,
    '',
    `- (a) against the faster drain alone: **${pct(both.best / drain.notificationsPerSecond)}** (target ≥ 75 %)${both.unbounded ? `; not bounded at ${n(both.unbounded)}/s` : '; no unbounded rate found below the search ceiling'}.`,
    `- (b) against the raw insert ceiling: **${pct(inApp.best / ceiling)}** (target ≥ 50 %)${inApp.unbounded ? `; not bounded at ${n(inApp.unbounded)}/s` : '; no unbounded rate found below the search ceiling'}.`,
    ...(results.backpressure
      ? [
          `- Back-pressure (\`PARLEY_QUEUE_MAX_SECONDS=${BACKPRESSURE_SECONDS}\`): low-priority notifications (in-app + webhook) offered at ${n(results.backpressure.offered)}/s for ${results.backpressure.seconds.toFixed(0)} s, three times the drain: ` +
            `${n(results.backpressure.accepted)}/s accepted, ${n(results.backpressure.refused)} refused with 429 \`queue_backlog\`; the queue peaked at ${n(results.backpressure.maxDepth)} deliveries ` +
            `(${BACKPRESSURE_SECONDS} s at the drain alone is ${n(BACKPRESSURE_SECONDS * drain.notificationsPerSecond)}) and held ${n(results.backpressure.depthAtEnd)} at the end.`,
        ]
      : []),
    '',
    `A trial is bounded when the API accepted ≥ 95 % of the offered notifications, the queue at its end held at most ${BOUND_SECONDS} s of the offered work (at least 2,000 deliveries), and it was not growing: over the second half by more than ${GROWTH_SHARE * 100} % of the offered deliveries a second (least-squares slope of readings every second) while holding more than half that bound. Batches are of 1,000 notifications, or rate/8 (at least 50) below 8,000/s. CPU is that of Parley's processes and PostgreSQL (the benchmark database's backends, less the depth readings, and its background processes) from \`/proc\`; machine cores include other work on the shared machine.`,
    '',
    '| search | offered/s | accepted/s | webhooks/s | queue at end (deliveries) | queue growth/s (2nd half) | Parley + PostgreSQL cores | CPU µs per accepted | machine cores | errors | bounded |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...searches.flatMap((s) =>
      s.trials.map((t) => `| ${t.mix} | ${n(t.offered)} | ${n(t.accepted)} | ${n(t.webhooks)} | ${n(t.depthAtEnd)} | ${n(t.depthSlope)} | ${t.cores.toFixed(2)} | ${perNotification(t.cores, t.accepted)} | ${t.machineCores.toFixed(2)} | ${t.errors || 'none'} | ${t.bounded ? 'yes' : '**no**'} |`),
    ),
  ];
  return out.join('\n');
}

const begin = '<!-- bench-notify-search:begin (written by bench/notify-search.ts; edit outside these markers) -->';
const end = '<!-- bench-notify-search:end -->';

/** Replaces the search results in the document, or adds them at the end of the Notifications section. */
function writeSection(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from >= 0 && to > from) {
    writeFileSync(path, `${current.slice(0, from + begin.length)}\n${section}\n${current.slice(to)}`);
    return;
  }
  const block = `### Sustained search: the highest rate the queue keeps up with\n\n${begin}\n${section}\n${end}\n\n`;
  const notifications = current.indexOf('\n## Notifications');
  const next = notifications >= 0 ? current.indexOf('\n## ', notifications + 1) : -1;
  if (next >= 0) writeFileSync(path, `${current.slice(0, next + 1)}${block}${current.slice(next + 1)}`);
  else writeFileSync(path, `${current.trimEnd()}\n\n${block}`);
}

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    for (const p of processes) process.stderr.write(`${p.name} output (last lines):\n${p.output().slice(-20).join('\n')}\n`);
    process.exit(1);
  },
);
