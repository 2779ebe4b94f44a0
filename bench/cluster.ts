/**
 * `npm run bench:cluster`: Parley as a deployment spreads it, on one PostgreSQL and one Redis:
 * first one API node and one worker, then two API nodes and two workers, the same notification
 * load in the same run. See "Two API nodes and two workers" in docs/BENCHMARKS.md.
 *
 *   npm run bench:cluster -- [--rate 6000] [--duration 20] [--no-write]
 *
 * Each layout: a fresh database; POST /notifications/batch (1,000 notifications, in-app + webhook
 * each) open-loop at --rate for --duration, spread evenly over the API nodes; then the drain. The
 * webhook sink (a thread of this process) counts distinct webhook-ids and checks signatures: every
 * accepted notification must arrive once. CPU per process group from /proc.
 */
import { randomBytes } from 'node:crypto';
import { adminUrl, benchSecrets, redisUrl } from './notify-env.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { MACHINE, OTHERS, postgresGroups, startCpuAccount } from './notify-cpu.ts';
import { runBatchLoad } from './notify-load.ts';
import { type Sink, startSink } from './notify-sink.ts';
import { freePort, type ServerProcess, startServer } from './processes.ts';
import { describeMachine } from './report.ts';
import { recreatePostgresDatabase, seed } from './seed.ts';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '6000' },
    duration: { type: 'string', default: '20' },
    'no-write': { type: 'boolean', default: false },
  },
});
const rate = Number(args.rate);
const duration = Number(args.duration);
if (!(rate >= 1000) || !(duration >= 5)) throw new Error('--rate must be at least 1000 and --duration at least 5 (seconds)');

const benchDatabase = 'parley_bench_cluster';
const secrets = benchSecrets();
const drainLimitSeconds = 180;
setTimeout(() => {
  process.stderr.write('bench: took longer than 15 minutes; stopping\n');
  process.exit(2);
}, 15 * 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

interface LayoutResult {
  name: string;
  apis: number;
  workers: number;
  accepted: number;
  acceptedRate: number;
  webhooksDuringLoad: number;
  drainSeconds: number;
  drainRate: number;
  delivered: number;
  repeated: number;
  badSignatures: number;
  errors: string;
  /** Cores over the load, and over the drain. */
  load: Record<string, number>;
  drain: Record<string, number>;
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function deploy(apis: number, workers: number, sink: Sink) {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-cluster-'));
  const databaseUrl = await recreatePostgresDatabase(adminUrl, benchDatabase);
  await seed({ databaseUrl }, []);
  const prefix = `bench-cluster-${randomBytes(4).toString('hex')}`;
  const start = async (name: string, roles: string) =>
    startServer({
      name,
      script: 'src/main.ts',
      port: await freePort(),
      env: {
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PARLEY_REDIS_PREFIX: prefix,
        PARLEY_API_KEYS: secrets.apiKey,
        PARLEY_JWT_SECRET: secrets.jwtSecret,
        PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
        PARLEY_DATA_DIR: join(dataDir, name),
        PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', url: `http://127.0.0.1:${sink.port}/hook`, secret: secrets.webhook }] }),
        PARLEY_ROLES: roles,
      },
      readyPath: '/ready',
      readyStatus: 200,
      logFile: process.env.BENCH_SERVER_LOG,
      timeoutMs: 90_000,
    });
  const processes: ServerProcess[] = [];
  try {
    for (let i = 1; i <= apis; i++) processes.push(await start(`api${i}`, 'api'));
    for (let i = 1; i <= workers; i++) processes.push(await start(`worker${i}`, 'worker'));
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop(5_000)));
    throw error;
  }
  return {
    databaseUrl,
    apis: processes.slice(0, apis),
    workers: processes.slice(apis),
    async stop() {
      await Promise.all(processes.map((p) => p.stop(15_000)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function measure(apis: number, workers: number, sink: Sink): Promise<LayoutResult> {
  const name = `${apis} API node${apis > 1 ? 's' : ''} + ${workers} worker${workers > 1 ? 's' : ''}`;
  await sink.reset();
  const d = await deploy(apis, workers, sink);
  const client = new pg.Client({ connectionString: d.databaseUrl });
  await client.connect();
  try {
    const pids = (list: ServerProcess[]) => () => list.map((p) => p.pid);
    const cpu = await startCpuAccount([
      { label: 'api nodes', pids: pids(d.apis) },
      { label: 'workers', pids: pids(d.workers) },
      ...postgresGroups(client, benchDatabase, () => [(client as unknown as { processID: number }).processID]),
      { label: 'benchmark process', pids: () => [process.pid] },
    ]);
    log(`${name}: ${rate.toLocaleString('en')}/s for ${duration} s`);
    const loads = d.apis.map((api) => runBatchLoad({ port: api.port, apiKey: secrets.apiKey, rate: rate / apis, batchSize: 1000, seconds: duration, maxInFlight: 4, users: 100_000 }));
    const results = await Promise.all(loads.map((l) => l.result));
    await cpu.read();
    const load = cpu.total();
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    const loadSeconds = Math.max(...results.map((r) => r.wallSeconds));
    const atEnd = await sink.counts();

    const drainCpu = await startCpuAccount([
      { label: 'api nodes', pids: pids(d.apis) },
      { label: 'workers', pids: pids(d.workers) },
      ...postgresGroups(client, benchDatabase, () => [(client as unknown as { processID: number }).processID]),
      { label: 'benchmark process', pids: () => [process.pid] },
    ]);
    const drainStart = Date.now();
    let counts = atEnd;
    while (counts.distinct < accepted && (Date.now() - drainStart) / 1000 < drainLimitSeconds) {
      await sleep(100);
      counts = await sink.counts();
    }
    const drainSeconds = Math.max(0, counts.lastDistinctAt - drainStart) / 1000;
    await drainCpu.read();
    const drain = drainCpu.total();
    await sleep(500);
    counts = await sink.counts();
    const errors = results.flatMap((r) => Object.entries(r.errors.counts).map(([k, n]) => `${n} × ${k}`)).join('; ');
    const result: LayoutResult = {
      name,
      apis,
      workers,
      accepted,
      acceptedRate: accepted / loadSeconds,
      webhooksDuringLoad: atEnd.distinct / loadSeconds,
      drainSeconds,
      drainRate: drainSeconds > 0 ? (counts.distinct - atEnd.distinct) / drainSeconds : 0,
      delivered: counts.distinct,
      repeated: counts.repeated,
      badSignatures: counts.badSignatures,
      errors,
      load,
      drain,
    };
    log(`${name}: accepted ${result.acceptedRate.toFixed(0)}/s, webhooks ${result.webhooksDuringLoad.toFixed(0)}/s during the load, drain ${drainSeconds.toFixed(1)} s; ${counts.distinct} of ${accepted} at the sink, ${counts.repeated} repeated`);
    return result;
  } finally {
    await client.end();
    await d.stop();
  }
}

const f = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cores = (c: Record<string, number>, label: string) => f(c[label] ?? 0, 2);
const pgCores = (c: Record<string, number>) => f(Object.entries(c).filter(([k]) => k.startsWith('PostgreSQL')).reduce((n, [, v]) => n + v, 0), 2);

function markdown(results: LayoutResult[], machine: Awaited<ReturnType<typeof describeMachine>>, command: string, date: string): string {
  const [one, two] = results;
  const lines = [
    `Measured ${date} with \`${command}\`. Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average at start ${machine.loadAverage}. Every process shares the machine.`,
    '',
    '| Layout | Offered | Accepted | Webhooks during the load | Drain after | At the sink | Repeated | API nodes (cores) | Workers (cores) | PostgreSQL (cores) | Other work | Machine |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${f(rate)}/s | ${f(r.acceptedRate)}/s | ${f(r.webhooksDuringLoad)}/s | ${f(r.drainSeconds, 1)} s (${f(r.drainRate)}/s) | ${f(r.delivered)} of ${f(r.accepted)} | ${r.repeated} | ${cores(r.load, 'api nodes')} | ${cores(r.load, 'workers')} | ${pgCores(r.load)} | ${cores(r.load, OTHERS)} | ${cores(r.load, MACHINE)} |`,
    ),
  ];
  if (one && two) {
    lines.push('', `Two and two against one and one, same run: accepted ${f(two.acceptedRate / one.acceptedRate, 2)}×, webhooks during the load ${f(two.webhooksDuringLoad / Math.max(1, one.webhooksDuringLoad), 2)}×, drain ${f(two.drainRate / Math.max(1, one.drainRate), 2)}×.`);
  }
  for (const r of results) if (r.errors) lines.push('', `${r.name}: ${r.errors}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const machine = await describeMachine(adminUrl);
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const sink = await startSink(secrets.webhook);
  const results: LayoutResult[] = [];
  try {
    results.push(await measure(1, 1, sink));
    results.push(await measure(2, 2, sink));
  } finally {
    await sink.close();
  }
  const command = `npm run bench:cluster${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const table = markdown(results, machine, command, date);
  console.log(`\n${table}\n`);
  if (!args['no-write']) {
    const file = 'docs/BENCHMARKS.md';
    const text = readFileSync(file, 'utf8');
    const begin = '<!-- bench:cluster:begin -->';
    const end = '<!-- bench:cluster:end -->';
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} markers`);
    writeFileSync(file, `${text.slice(0, from + begin.length)}\n${table}\n${text.slice(to)}`);
    log(`written to ${file}`);
  }
  const lost = results.filter((r) => r.delivered !== r.accepted || r.repeated > 0 || r.badSignatures > 0);
  if (lost.length) throw new Error(`checks failed: ${lost.map((r) => `${r.name}: ${r.delivered} of ${r.accepted} delivered, ${r.repeated} repeated, ${r.badSignatures} bad signatures`).join('; ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
