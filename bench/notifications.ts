/**
 * `npm run bench:notifications`: throughput and latency of the notification pipeline. See the
 * Notifications section of docs/BENCHMARKS.md.
 *
 *   npm run bench:notifications -- [--duration 60] [--rate 20000] [--steady-rate 2000] [--latency-rate 1000,300]
 *       [--latency-duration 30] [--latency-users 1000] [--latency-connections 64] [--pglite-rate 1000] [--pglite-latency-rate 200]
 *       [--raw-seconds 10]
 *       [--raw-connections 1,2,4] [--layout auto|split|combined] [--trial 15] [--in-flight 8]
 *       [--users 100000] [--drain 120] [--pool 10] [--only raw,postgres,latency,pglite] [--no-write]
 *
 * 1. raw: the acceptor's INSERT ... FROM unnest(...) straight into notification_logs, batches of
 *    1,000 requests × 2 channels, from each number of connections for --raw-seconds: the ceiling.
 * 2. postgres: Parley as child processes on PostgreSQL, a webhook sink in this process, and
 *    POST /notifications/batch (1,000 notifications, in-app + webhook) open-loop at --rate for
 *    --duration; every second: accepted, sent per channel, queue depth, CPU. Then the drain.
 *    --layout auto first runs both layouts for --trial seconds and keeps the one that dispatched more;
 *    then the same at --steady-rate, a rate the pipeline can keep up with on a small machine.
 * 3. latency: --latency-users sockets on /ws, single POST /notifications (in-app) at each
 *    --latency-rate; each request's send time against its notification.created frame (target p95 ≤ 50 ms); the client
 *    posts over --latency-connections keep-alive connections (a request waits in the client when all are busy).
 * 4. pglite: 2 (at --pglite-rate) and 3 (at --pglite-latency-rate) on the embedded default, one
 *    process, no target.
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to
 * drop and recreate the database `parley_bench_notify` for each phase; the last one is left in
 * place. Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379) carries in-app notifications from
 * the worker process to the API process in the split layout, under a prefix of its own.
 * PARLEY_WORKER_BATCH, PARLEY_WORKER_IN_FLIGHT, PARLEY_POLL_MS and PARLEY_LEASE_SECONDS in this
 * process's environment are passed on to Parley. BENCH_SERVER_LOG=<file> keeps what Parley writes;
 * BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") are passed to Parley's node.
 */
import { randomBytes } from 'node:crypto';
import { adminUrl, benchSecrets, redisUrl, workerEnv } from './notify-env.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import pg from 'pg';
import { type CpuAccount, type CpuGroup, MACHINE, OTHERS, PART_OF, pidsNamed, postgresGroups, startCpuAccount } from './notify-cpu.ts';
import { runBatchLoad, runLatencyLoad } from './notify-load.ts';
import { rawInsert } from './notify-raw.ts';
import {
  type LatencyPhase,
  type Layout,
  type RawPhase,
  type Results,
  type Sample,
  type SustainedPhase,
  cpuTable,
  latencyTable,
  layoutName,
  markdown,
  rawTable,
  sustainedTable,
  timelineTable,
  writeNotificationSection,
} from './notify-report.ts';
import { type Sink, startSink } from './notify-sink.ts';
import { freePort, type ServerProcess, startServer } from './processes.ts';
import { describeMachine } from './report.ts';
import { writeSummary } from './summary.ts';
import { recreatePostgresDatabase, seed } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '20000' },
    /** A second sustained run on PostgreSQL at a rate the pipeline keeps up with (0: none). */
    'steady-rate': { type: 'string', default: '2000' },
    /** One latency run per rate, comma-separated. */
    'latency-rate': { type: 'string', default: '1000,300' },
    'latency-duration': { type: 'string', default: '30' },
    'latency-users': { type: 'string', default: '1000' },
    'latency-connections': { type: 'string', default: '64' },
    'pglite-rate': { type: 'string', default: '1000' },
    'pglite-latency-rate': { type: 'string', default: '200' },
    'raw-seconds': { type: 'string', default: '10' },
    'raw-connections': { type: 'string', default: '1,2,4' },
    layout: { type: 'string', default: 'auto' },
    trial: { type: 'string', default: '15' },
    /** Batches outstanding at most. */
    'in-flight': { type: 'string', default: '8' },
    /** Recipients of the batches are drawn from this many user ids. */
    users: { type: 'string', default: '100000' },
    /** Longest wait for the queue to drain after the load, seconds. */
    drain: { type: 'string', default: '120' },
    pool: { type: 'string', default: '10' },
    only: { type: 'string', default: 'raw,postgres,latency,pglite' },
    'no-write': { type: 'boolean', default: false },
  },
});

const number = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const settings = {
  duration: number('duration'),
  rate: number('rate'),
  latencyRates: args['latency-rate']!.split(',').map(Number),
  steadyRate: Number(args['steady-rate']),
  latencySeconds: number('latency-duration'),
  latencyUsers: number('latency-users'),
  latencyConnections: number('latency-connections'),
  pgliteRate: number('pglite-rate'),
  pgliteLatencyRate: number('pglite-latency-rate'),
  rawSeconds: number('raw-seconds'),
  rawConnections: args['raw-connections']!.split(',').map(Number),
  trialSeconds: number('trial'),
  inFlight: number('in-flight'),
  users: number('users'),
  drainSeconds: number('drain'),
  batchSize: 1000,
};
for (const [name, list] of [['latency-rate', settings.latencyRates], ['raw-connections', settings.rawConnections], ['steady-rate', [settings.steadyRate || 1]]] as const) {
  if (list.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`--${name} must be positive numbers (comma-separated where several)`);
}
const layoutArg = args.layout as 'auto' | 'split' | 'combined';
if (!['auto', 'split', 'combined'].includes(layoutArg)) throw new Error('--layout must be auto, split or combined');
const phases = new Set(args.only!.split(','));
for (const p of phases) if (!['raw', 'postgres', 'latency', 'pglite'].includes(p)) throw new Error(`--only: unknown phase "${p}"`);
const benchDatabase = 'parley_bench_notify';
const latencyTarget = 50;

const secrets = benchSecrets();

// Everything stops by itself: a hard limit on the whole run (children are killed on exit, see processes.ts).
const limitMinutes = 20;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: took longer than ${limitMinutes} minutes; stopping\n`);
  process.exit(2);
}, limitMinutes * 60_000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

let sink: Sink;

const postgresName = (layout: 'split' | 'combined') => `Parley on PostgreSQL, ${layout === 'split' ? 'api + worker' : 'one process'},`;

async function main(): Promise<void> {
  const usesPostgres = phases.has('raw') || phases.has('postgres') || phases.has('latency');
  const machine = await describeMachine(usesPostgres ? adminUrl : undefined);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  log(`machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAverage}`);
  sink = await startSink(secrets.webhook);
  const results: Results = { trials: [], sustained: [], latency: [] };

  if (phases.has('raw')) results.raw = await rawPhase();
  let layout: 'split' | 'combined' = layoutArg === 'auto' ? 'combined' : layoutArg;
  if (phases.has('postgres')) {
    if (layoutArg === 'auto') {
      for (const l of ['split', 'combined'] as const) {
        results.trials.push(await sustained({ name: `Trial: ${l === 'split' ? 'api + worker processes' : 'one process'}`, storage: 'postgres', layout: l, rate: settings.rate, seconds: settings.trialSeconds, trial: true }));
      }
      const [split, combined] = results.trials as [SustainedPhase, SustainedPhase];
      const score = (p: SustainedPhase) => (p.inAppRate + p.webhookRate) / 2;
      layout = score(split) > score(combined) ? 'split' : 'combined';
      log(`layout: ${layoutName[layout]} dispatched more (${score(split).toFixed(0)}/s split, ${score(combined).toFixed(0)}/s one process)`);
    }
    results.sustained.push(await sustained({ name: `${postgresName(layout)} at ${settings.rate.toLocaleString('en')}/s`, storage: 'postgres', layout, rate: settings.rate, seconds: settings.duration }));
    if (settings.steadyRate > 0) {
      results.sustained.push(await sustained({ name: `${postgresName(layout)} at ${settings.steadyRate.toLocaleString('en')}/s`, storage: 'postgres', layout, rate: settings.steadyRate, seconds: settings.duration }));
    }
  }
  if (phases.has('latency')) {
    // Latency depends on the layout more than throughput does: with --layout auto, both are measured, the chosen one first.
    const layouts = layoutArg === 'auto' ? [layout, layout === 'split' ? ('combined' as const) : ('split' as const)] : [layout];
    for (const rate of settings.latencyRates) {
      for (const l of layouts) {
        results.latency.push(await latencyPhase({ name: `${postgresName(l)} at ${rate.toLocaleString('en')}/s`, storage: 'postgres', layout: l, rate, target: latencyTarget }));
      }
    }
  }
  if (phases.has('pglite')) {
    results.sustained.push(await sustained({ name: `Parley on PGlite (embedded) at ${settings.pgliteRate.toLocaleString('en')}/s`, storage: 'pglite', layout: 'embedded', rate: settings.pgliteRate, seconds: settings.duration }));
    const rate = settings.pgliteLatencyRate;
    results.latency.push(await latencyPhase({ name: `Parley on PGlite (embedded) at ${rate.toLocaleString('en')}/s`, storage: 'pglite', layout: 'embedded', rate }));
  }
  await sink.close();

  const command = `npm run bench:notifications${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const description =
    `batches of ${settings.batchSize.toLocaleString('en')} notifications × 2 channels to ${settings.users.toLocaleString('en')} recipients, ${settings.duration} s at ${settings.rate.toLocaleString('en')}/s${settings.steadyRate > 0 ? ` and ${settings.steadyRate.toLocaleString('en')}/s` : ''} on PostgreSQL and ${settings.pgliteRate.toLocaleString('en')}/s on PGlite, ` +
    `at most ${settings.inFlight} batches in flight, PostgreSQL pool ${args.pool}${Object.keys(workerEnv).length ? `, ${Object.entries(workerEnv).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}; ` +
    `latency: ${settings.latencyUsers.toLocaleString('en')} sockets, ${settings.latencySeconds} s at ${settings.latencyRates.map((r) => `${r.toLocaleString('en')}/s`).join(' and ')} on PostgreSQL and ${settings.pgliteLatencyRate.toLocaleString('en')}/s on PGlite`;
  const section = markdown(results, machine, command, date, description);
  console.log(`\n${summary(results)}\n`);
  writeSummary({
    latency: results.latency.map((p) => ({ name: p.name, layout: p.layout, rate: p.rate, achievedRate: p.result.achievedRate, p95Ms: p.result.latency.p95, missing: p.result.missing, duplicates: p.result.duplicates })),
  });
  if (!args['no-write']) {
    writeNotificationSection('docs/BENCHMARKS.md', section);
    log('results written to docs/BENCHMARKS.md (Notifications)');
  }
}

/** The tables, for the terminal. */
function summary(results: Results): string {
  const parts: string[] = [];
  if (results.raw) parts.push(rawTable(results.raw));
  if (results.trials.length || results.sustained.length) parts.push(sustainedTable([...results.trials, ...results.sustained], results.raw));
  const cpuRows = [...results.trials, ...results.sustained].flatMap((p) => [
    { name: p.name, cores: p.cpu, background: p.backgroundCpu },
    ...(p.drain ? [{ name: `${p.name}, drain`, cores: p.drain.cpu }] : []),
  ]);
  cpuRows.push(...results.latency.map((p) => ({ name: `${p.name}, latency`, cores: p.cpu, background: p.backgroundCpu })));
  if (cpuRows.length) parts.push(cpuTable(cpuRows));
  for (const p of results.sustained) parts.push(timelineTable(p));
  if (results.latency.length) parts.push(latencyTable(results.latency));
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// 1. Raw insert ceiling

async function rawPhase(): Promise<RawPhase> {
  const databaseUrl = await recreatePostgresDatabase(adminUrl, benchDatabase);
  await seed({ databaseUrl }, []); // Parley's migrations, nothing else
  const admin = await connect(databaseUrl);
  const adminPid = (admin as unknown as { processID: number }).processID;
  const runs: RawPhase['runs'] = [];
  try {
    for (const connections of settings.rawConnections) {
      await admin.query('TRUNCATE notification_logs');
      await admin.query('CHECKPOINT');
      const cpu = await startCpuAccount([...postgresGroups(admin, benchDatabase, () => [adminPid]), benchProcess()]);
      const result = await rawInsert(databaseUrl, connections, settings.rawSeconds, settings.batchSize, settings.users, () => cpu.read());
      const cores = cpu.total();
      runs.push({ ...result, cpu: cores });
      log(
        `raw insert, ${connections} connection(s): ${(result.rows / result.seconds).toFixed(0)} rows/s = ${(result.rows / result.seconds / 2).toFixed(0)} notifications/s; statement p50 ${result.statement.p50.toFixed(1)} ms; ` +
          `PostgreSQL ${(cores['PostgreSQL backends']! + cores['PostgreSQL background']!).toFixed(2)} cores, machine ${cores[MACHINE]!.toFixed(2)}`,
      );
    }
  } finally {
    await admin.end();
  }
  return { runs };
}

// ---------------------------------------------------------------------------------------------
// Parley processes

interface Deployment {
  /** Where the API is served (and sockets connect). */
  api: ServerProcess;
  /** Where the worker runs (the same process in one-process layouts). */
  worker: ServerProcess;
  processes: ServerProcess[];
  dataDir: string;
  databaseUrl?: string;
}

async function deploy(storage: 'postgres' | 'pglite', layout: Layout): Promise<Deployment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-notify-'));
  const databaseUrl = storage === 'postgres' ? await recreatePostgresDatabase(adminUrl, benchDatabase) : undefined;
  const prefix = `bench-notify-${randomBytes(4).toString('hex')}`;
  const env = (roles: string): Record<string, string> => ({
    ...workerEnv,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PARLEY_API_KEYS: secrets.apiKey,
    PARLEY_JWT_SECRET: secrets.jwtSecret,
    PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
    PARLEY_DATA_DIR: join(dataDir, roles.replace(',', '-')),
    PARLEY_DATABASE_POOL_SIZE: args.pool!,
    PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', url: `http://127.0.0.1:${sink.port}/hook`, secret: secrets.webhook }] }),
    PARLEY_ROLES: roles,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(layout === 'split' ? { REDIS_URL: redisUrl, PARLEY_REDIS_PREFIX: prefix } : {}),
  });
  const start = async (name: string, roles: string) =>
    startServer({
      name,
      script: 'src/main.ts',
      port: await freePort(),
      env: env(roles),
      readyPath: '/ready',
      readyStatus: 200,
      logFile: process.env.BENCH_SERVER_LOG,
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
      timeoutMs: 90_000,
    });
  if (layout === 'split') {
    const api = await start('api', 'api');
    const worker = await start('worker', 'worker').catch(async (error: unknown) => {
      await api.stop(5_000);
      throw error;
    });
    return { api, worker, processes: [api, worker], dataDir, databaseUrl };
  }
  const both = await start(storage === 'pglite' ? 'embedded' : 'api+worker', 'api,worker');
  return { api: both, worker: both, processes: [both], dataDir, databaseUrl };
}

async function undeploy(d: Deployment): Promise<{ count: number; samples: string[] }> {
  await Promise.all(d.processes.map((p) => p.stop(15_000)));
  rmSync(d.dataDir, { recursive: true, force: true });
  const problems = { count: 0, samples: [] as string[] };
  for (const p of d.processes) {
    problems.count += p.problems.count;
    problems.samples.push(...p.problems.samples.map((s) => `${p.name}: ${s}`));
  }
  for (const line of problems.samples) log(`logged: ${line}`);
  return problems;
}

/**
 * Deploys Parley (on a fresh database), runs `measure` with a client of that database (PostgreSQL),
 * stops Parley and attaches what it logged; on failure shows its last lines.
 */
async function withDeployment<T extends { problems: { count: number; samples: string[] } }>(
  storage: 'postgres' | 'pglite',
  layout: Layout,
  measure: (d: Deployment, client: pg.Client | undefined) => Promise<T>,
): Promise<T> {
  await sink.reset();
  const d = await deploy(storage, layout);
  let client: pg.Client | undefined;
  try {
    client = d.databaseUrl ? await connect(d.databaseUrl) : undefined;
    const result = await measure(d, client);
    await client?.end();
    client = undefined;
    result.problems = await undeploy(d);
    return result;
  } catch (error) {
    for (const p of d.processes) process.stderr.write(`${p.name} output (last lines):\n${p.output().slice(-20).join('\n')}\n`);
    await client?.end().catch(() => {});
    await undeploy(d);
    throw error;
  }
}

/** Reads the CPU account every second until `work` is done, and once more then. */
async function readingEverySecond<T>(cpu: CpuAccount, work: Promise<T>): Promise<T> {
  let done = false;
  void work.finally(() => (done = true)).catch(() => {});
  while (!done) {
    await Promise.race([sleep(1_000), work.catch(() => {})]);
    await cpu.read();
  }
  return work;
}

/** The CPU groups of a deployment: its processes, PostgreSQL's, Redis's, and this process. */
function cpuGroups(d: Deployment, client: pg.Client | undefined, samplerPid: number | undefined): CpuGroup[] {
  const groups: CpuGroup[] = d.processes.map((p) => ({ label: `Parley ${p.name}`, pids: () => [p.pid] }));
  if (client) groups.push(...postgresGroups(client, benchDatabase, () => (samplerPid ? [samplerPid] : [])));
  if (d.processes.length > 1) groups.push({ label: 'Redis', pids: () => pidsNamed('redis-server') });
  groups.push(benchProcess(), { label: `${PART_OF} webhook sink`, pids: () => [], seconds: async () => (await sink.counts()).cpuSeconds });
  if (samplerPid) groups.push({ label: 'Sampler queries', pids: () => [samplerPid] });
  return groups;
}

const benchProcess = (): CpuGroup => ({ label: 'Benchmark process', pids: () => [process.pid] });

/** Machine busy over a few seconds while nothing of ours runs: other work on the machine. */
async function idleMachineCores(): Promise<number> {
  const cpu = await startCpuAccount([]);
  await sleep(3_000);
  return (await cpu.read())[MACHINE]!;
}

// ---------------------------------------------------------------------------------------------
// Queue readings

interface QueueReading {
  depth: number;
  /** In-app deliveries sent so far, by the worker's parley_notifications_sent_total. */
  inAppSent: number;
  /** Read now, or repeated from an earlier reading (see queueProbe). */
  fresh: boolean;
}

/**
 * Queue depth: on PostgreSQL a count over the queue's partial index (the statuses still to send);
 * PGlite lives inside the server, so there its /metrics gauge (the same count, run by the server).
 * In-app deliveries sent: the worker's counter in /metrics on both (a count of sent rows would
 * scan the whole table, and "accepted less queued" is skewed by batches committed whose answer is
 * still on its way). Serving /metrics runs the same count.
 *
 * Both are read every second while the queue is short. A count over a queue of hundreds of
 * thousands of rows costs a good share of a core, so then the next reading waits 20 times as long
 * as the last one took (at most 10 s; readings in between repeat it, marked not fresh): the
 * measuring costs at most about a twentieth of a core.
 */
function queueProbe(worker: ServerProcess, client: pg.Client | undefined): { read(fresh?: boolean): Promise<QueueReading> } {
  let last: (QueueReading & { at: number; took: number }) | undefined;
  return {
    async read(fresh = false) {
      const now = performance.now();
      if (last && !fresh && last.depth >= 10_000 && now - last.at < Math.min(10_000, 20 * last.took)) return { ...last, fresh: false };
      const [m, counted] = await Promise.all([
        readMetrics(worker.port),
        client?.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_logs WHERE status IN ('queued', 'standby', 'sending')`),
      ]);
      last = { depth: counted ? counted.rows[0]!.n : m.depth, inAppSent: m.sent['in-app'] ?? 0, fresh: true, at: now, took: performance.now() - now };
      return last;
    },
  };
}

async function readMetrics(port: number): Promise<{ depth: number; sent: Record<string, number> }> {
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/metrics', timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('metrics: no answer in 10 s')));
    req.on('error', reject);
    req.end();
  });
  const sent: Record<string, number> = {};
  let depth = 0;
  for (const line of text.split('\n')) {
    const s = /^parley_notifications_sent_total\{channel="([^"]+)"[^}]*\} (\S+)$/.exec(line);
    if (s) sent[s[1]!] = (sent[s[1]!] ?? 0) + Number(s[2]);
    const d = /^parley_notification_queue_depth\{[^}]*\} (\S+)$/.exec(line);
    if (d) depth += Number(d[1]);
  }
  return { depth, sent };
}

// ---------------------------------------------------------------------------------------------
// 2. Sustained batches

interface SustainedSpec {
  name: string;
  storage: 'postgres' | 'pglite';
  layout: Layout;
  rate: number;
  seconds: number;
  /** A short run to compare layouts: no drain, no final counts. */
  trial?: boolean;
}

async function sustained(spec: SustainedSpec): Promise<SustainedPhase> {
  log(`${spec.name}: starting (${layoutName[spec.layout]})`);
  return withDeployment(spec.storage, spec.layout, async (d, client) => {
    const samplerPid = client ? (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid : undefined;
    const probe = queueProbe(d.worker, client);
    const backgroundCpu = await idleMachineCores();
    const cpu = await startCpuAccount(cpuGroups(d, client, samplerPid));
    const commitsBefore = client ? await commits(client) : undefined;
    log(`${spec.name}: ${spec.rate}/s for ${spec.seconds} s`);
    const load = runBatchLoad({ port: d.api.port, apiKey: secrets.apiKey, rate: spec.rate, batchSize: settings.batchSize, seconds: spec.seconds, maxInFlight: settings.inFlight, users: settings.users });
    let loadDone = false;
    const loadResult = load.result.finally(() => (loadDone = true));
    const started = performance.now();
    const samples: Sample[] = [];
    const take = async (phase: Sample['phase'], account: CpuAccount, at: number, fresh = false): Promise<Sample> => {
      const before = samples[samples.length - 1];
      const [reading, counts, cores] = await Promise.all([probe.read(fresh), sink.counts(), account.read()]);
      const t = (performance.now() - started) / 1000;
      const sample: Sample = {
        t,
        phase,
        accepted: load.accepted,
        inAppSent: reading.inAppSent,
        webhooks: counts.distinct,
        depth: reading.depth,
        fresh: reading.fresh,
        cores,
        interval: t - (before?.t ?? 0),
      };
      samples.push(sample);
      if (Math.round(at) % 5 === 0) {
        const dt = before ? t - before.t : t;
        const lastFresh = [...samples].reverse().find((x) => x.fresh && x !== sample) ?? { t: 0, inAppSent: 0 };
        log(
          `${spec.name} ${t.toFixed(0)} s: accepted ${(sample.accepted - (before?.accepted ?? 0)) / dt | 0}/s, ` +
            `in-app ${sample.fresh ? `${((sample.inAppSent - lastFresh.inAppSent) / (t - lastFresh.t)) | 0}/s` : '(not read)'}, ` +
            `webhooks ${(sample.webhooks - (before?.webhooks ?? 0)) / dt | 0}/s, queue ${sample.depth}${sample.fresh ? '' : ' (repeated)'}, ${Object.entries(cores).filter(([l]) => l.startsWith('Parley') || l === MACHINE || l === OTHERS || l === 'PostgreSQL backends').map(([l, c]) => `${l.replace('Parley ', '')} ${c.toFixed(2)}`).join(', ')}`,
        );
      }
      return sample;
    };
    for (let second = 1; !loadDone; second++) {
      await Promise.race([sleep(Math.max(0, started + second * 1000 - performance.now())), loadResult]);
      if (loadDone) break;
      await take('load', cpu, second);
    }
    const result = await loadResult;
    const end = await take('load', cpu, 0, true);
    const committed = client && commitsBefore !== undefined ? (await commits(client)) - commitsBefore : undefined;
    const window = end.t;
    const loadCpu = cpu.total();
    const loadSamples = samples.filter((s) => s.phase === 'load');
    const secondHalf = loadSamples.filter((s) => s.t >= window / 2);
    const phase: SustainedPhase = {
      name: spec.name,
      storage: spec.storage,
      layout: spec.layout,
      rate: spec.rate,
      seconds: spec.seconds,
      load: result,
      acceptedRate: end.accepted / window,
      inAppRate: end.inAppSent / window,
      webhookRate: end.webhooks / window,
      maxDepth: Math.max(...samples.map((s) => s.depth)),
      depthAtEnd: end.depth,
      depthSlope: slope(secondHalf.map((s) => [s.t, s.depth])),
      samples,
      cpu: loadCpu,
      backgroundCpu,
      sink: await sink.counts(),
      commits: committed,
      problems: { count: 0, samples: [] },
      settings: `${layoutName[spec.layout]}, ${spec.seconds} s at ${spec.rate.toLocaleString('en')}/s`,
    };
    log(
      `${spec.name}: accepted ${phase.acceptedRate.toFixed(0)}/s (target ${spec.rate}), in-app ${phase.inAppRate.toFixed(0)}/s, webhooks ${phase.webhookRate.toFixed(0)}/s, ` +
        `queue max ${phase.maxDepth}, at end ${phase.depthAtEnd}; batch p50 ${result.latency.p50.toFixed(0)} p95 ${result.latency.p95.toFixed(0)} p99 ${result.latency.p99.toFixed(0)} ms; errors ${result.errors.total}`,
    );

    if (!spec.trial) {
      // The drain: how long the worker takes to empty the queue with no new work coming in.
      const drainCpu = await startCpuAccount(cpuGroups(d, client, samplerPid));
      const drainStart = performance.now();
      const depthAtStart = end.depth;
      let last = end;
      for (let second = 1; last.depth > 0 && performance.now() - drainStart < settings.drainSeconds * 1000; second++) {
        await sleep(Math.max(0, drainStart + second * 1000 - performance.now()));
        // The last reading before the time is up is a fresh one.
        last = await take('drain', drainCpu, second, performance.now() - drainStart > settings.drainSeconds * 1000 - 1000);
      }
      const drainSeconds = (performance.now() - drainStart) / 1000;
      phase.drain = {
        seconds: drainSeconds,
        drained: last.depth === 0,
        remaining: last.depth,
        rate: (depthAtStart - last.depth) / drainSeconds,
        cpu: drainCpu.total(),
      };
      log(`${spec.name}: drain ${phase.drain.drained ? `done in ${drainSeconds.toFixed(1)} s` : `not done after ${drainSeconds.toFixed(0)} s, ${last.depth} left`} (${phase.drain.rate.toFixed(0)} deliveries/s)`);
      phase.sink = await sink.counts();
      phase.metricsSent = (await readMetrics(d.worker.port).catch(() => undefined))?.sent;
      if (client) {
        const { rows } = await client.query<{ channel: string; status: string; n: number }>('SELECT channel, status, count(*)::int AS n FROM notification_logs GROUP BY 1, 2 ORDER BY 1, 2');
        phase.stored = rows;
      }
    }
    return phase;
  });
}

/** Least-squares slope of y over x. */
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

// ---------------------------------------------------------------------------------------------
// 3. Trigger → in-app notification on a WebSocket

async function latencyPhase(spec: { name: string; storage: 'postgres' | 'pglite'; layout: Layout; rate: number; target?: number }): Promise<LatencyPhase> {
  log(`${spec.name}: latency, ${settings.latencyUsers} sockets, ${spec.rate}/s for ${settings.latencySeconds} s (${layoutName[spec.layout]})`);
  return withDeployment(spec.storage, spec.layout, async (d, client) => {
    const key = new TextEncoder().encode(secrets.jwtSecret);
    const tokens = new Map<string, string>();
    for (let i = 0; i < settings.latencyUsers; i++) {
      const userId = `bench-l${i}`;
      tokens.set(userId, await new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('2h').sign(key));
    }
    const backgroundCpu = await idleMachineCores();
    const cpu = await startCpuAccount(cpuGroups(d, client, undefined));
    const commitsBefore = client ? await commits(client) : undefined;
    const result = await readingEverySecond(cpu, runLatencyLoad({ port: d.api.port, apiKey: secrets.apiKey, tokens, rate: spec.rate, seconds: settings.latencySeconds, waitSeconds: 10, connections: settings.latencyConnections }));
    const committed = client && commitsBefore !== undefined ? (await sleep(1_500), (await commits(client)) - commitsBefore) : undefined;
    const l = result.latency;
    log(`${spec.name}: trigger → socket p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms; ${result.received}/${result.accepted} received, ${result.missing} missing`);
    const c = result.client;
    log(`${spec.name}: benchmark client: waited for a connection p50 ${c.connectionWait.p50.toFixed(1)} p95 ${c.connectionWait.p95.toFixed(1)} ms (of the latency above); its event-loop delay p99 ${c.loopDelayP99Ms.toFixed(1)} max ${c.loopDelayMaxMs.toFixed(1)} ms`);
    const phase: LatencyPhase = { name: spec.name, layout: spec.layout, rate: spec.rate, seconds: settings.latencySeconds, target: spec.target, result, cpu: cpu.total(), backgroundCpu, commits: committed, problems: { count: 0, samples: [] } };
    return phase;
  });
}

// ---------------------------------------------------------------------------------------------

/** Transactions committed in the benchmark database so far (PostgreSQL's statistics, flushed about every second). */
async function commits(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1', [benchDatabase]);
  return Number(rows[0]?.n ?? 0);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A port nobody listens on now (the OS picks it). */
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
