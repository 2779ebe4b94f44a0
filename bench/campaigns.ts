/**
 * `npm run bench:campaigns`: a vendor's campaign to 100,000 customers. See the Campaigns section
 * of docs/BENCHMARKS.md.
 *
 *   npm run bench:campaigns -- [--recipients 100000] [--pace 20000] [--pace-minutes 2]
 *       [--latency-rate 25] [--latency-users 200] [--idle 30] [--layout combined|split]
 *       [--import-concurrency 2] [--send-seconds 120] [--caps default|off] [--expansion-limit 1800] [--no-write]
 *
 * Parley runs as its own process (api + worker; --layout split: an api process and a worker
 * process sharing Redis), on PostgreSQL when DATABASE_URL is set (the database
 * `parley_bench_campaigns` on that server is dropped and recreated; the one named in the URL is
 * not touched), else on the embedded PGlite. The console email provider sends.
 *
 * 1. Import: --recipients customers of one vendor, each with an email address and the vendor's
 *    email consent, through POST /vendors/{vendorId}/customers/import in calls of 1,000.
 * 2. The transactional probe starts (bench/campaign-latency.ts): --latency-users sockets on /ws
 *    and --latency-rate single transactional in-app notifications a second for the rest of the
 *    run. --idle seconds of it with nothing else going on: the idle figure.
 * 3. Pace: a campaign to the audience at --pace messages a minute; after --pace-minutes minutes
 *    of sends it is cancelled, which withdraws what is not yet sent. Sent per minute (Parley's
 *    counter of emails handed to the provider) and, on PostgreSQL, scheduled per minute (the
 *    send times the expansion wrote), against the pace asked.
 * 4. Expansion: a second campaign to the whole audience, no pace (as fast as the worker expands it).
 *    Timed from the 201 of POST /campaigns to the last recipient's notification accepted; CPU of
 *    Parley's processes and of PostgreSQL's backends per recipient. Then --send-seconds of the
 *    sending that follows (or until every email is sent): emails sent a second and CPU per email.
 *    (A campaign without a pace is finished once expanded: its queued emails cannot be withdrawn,
 *    so it comes last.)
 * 5. The probe's p95 (trigger → notification.created on the socket) while idle, during the
 *    expansion, during the sending after it and during the paced sending, and each against idle.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import pg from 'pg';
import { type Probe, startProbe, windowLatency } from './campaign-latency.ts';
import { type CampaignFigures, type Cpu, campaignSection, campaignSummary, writeCampaignSection } from './campaign-report.ts';
import { redisUrl } from './notify-env.ts';
import { freePort, machineCpuSeconds, postgresBackendCpu, processCpuSeconds, type ServerProcess, startServer } from './processes.ts';
import { describeMachine } from './report.ts';
import { recreatePostgresDatabase } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    pace: { type: 'string', default: '20000' },
    'pace-minutes': { type: 'string', default: '2' },
    'latency-rate': { type: 'string', default: '25' },
    'latency-users': { type: 'string', default: '200' },
    idle: { type: 'string', default: '30' },
    layout: { type: 'string', default: 'combined' },
    'import-concurrency': { type: 'string', default: '2' },
    /** How long to watch the first campaign's sending after its expansion, seconds (then it is cancelled). */
    'send-seconds': { type: 'string', default: '120' },
    /** Longest wait for the expansion, seconds. */
    'expansion-limit': { type: 'string', default: '1800' },
    /** default: the promotional frequency cap as shipped (3 a week); off: none (PARLEY_FREQUENCY_CAPS={"promotional":[]}). */
    caps: { type: 'string', default: 'default' },
    'no-write': { type: 'boolean', default: false },
  },
});
const positive = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const settings = {
  recipients: positive('recipients'),
  pace: positive('pace'),
  paceMinutes: positive('pace-minutes'),
  latencyRate: positive('latency-rate'),
  latencyUsers: positive('latency-users'),
  idleSeconds: positive('idle'),
  importConcurrency: positive('import-concurrency'),
  sendSeconds: positive('send-seconds'),
  expansionLimit: positive('expansion-limit'),
  caps: args.caps as 'default' | 'off',
  layout: args.layout as 'combined' | 'split',
};
if (!['combined', 'split'].includes(settings.layout)) throw new Error('--layout must be combined or split');
if (!['default', 'off'].includes(settings.caps)) throw new Error('--caps must be default or off');
const benchDatabase = 'parley_bench_campaigns';
const vendorId = 'bench-vendor';
const IMPORT_BATCH = 1000;
const secrets = { apiKey: randomBytes(24).toString('base64url'), jwtSecret: randomBytes(32).toString('base64url'), encryptionKey: `bench:${randomBytes(32).toString('base64')}` };
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const watchdog = setTimeout(() => {
  process.stderr.write('bench: took longer than 60 minutes; stopping\n');
  process.exit(2);
}, 60 * 60_000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

async function call(port: number, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${secrets.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Parley's counters that say where the campaigns are: email deliveries accepted, sent, skipped. */
async function counters(port: number): Promise<{ accepted: number; sent: number; skipped: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
  const sum = (name: string) => {
    let total = 0;
    for (const m of text.matchAll(new RegExp(`^${name}\\{[^}]*channel="email"[^}]*\\} (\\S+)$`, 'gm'))) total += Number(m[1]);
    return total;
  };
  return { accepted: sum('parley_notifications_accepted_total'), sent: sum('parley_notifications_sent_total'), skipped: sum('parley_notifications_skipped_total') };
}

/**
 * Reads the counters until `done` says so (or the time is up), keeping every reading. Serving
 * /metrics counts the queue, which costs more the longer it is, so the next reading waits 20 times
 * as long as the last took (at least a second, at most 5): the readings cost at most a twentieth of a core.
 */
async function follow(port: number, readings: Reading[], done: (r: Reading) => boolean | Promise<boolean>, limitSeconds: number, label: string): Promise<Reading> {
  const until = performance.now() + limitSeconds * 1000;
  let lastLog = 0;
  for (;;) {
    const t0 = performance.now();
    const c = await counters(port);
    const r = { at: performance.now(), ...c };
    readings.push(r);
    if (r.at - lastLog > 10_000) {
      log(`${label}: accepted ${c.accepted}, sent ${c.sent}, skipped ${c.skipped}`);
      lastLog = r.at;
    }
    if ((await done(r)) || r.at > until) return r;
    await sleep(Math.min(5_000, Math.max(1_000, 20 * (r.at - t0))) - (performance.now() - r.at));
  }
}
export interface Reading {
  at: number;
  accepted: number;
  sent: number;
  skipped: number;
}

/** CPU seconds so far: Parley's processes, PostgreSQL's backends of the benchmark database, the machine. */
function cpuNow(processes: ServerProcess[], database: boolean) {
  return {
    parley: processes.reduce((a, p) => a + processCpuSeconds(p.pid), 0),
    postgres: database ? postgresBackendCpu(benchDatabase) : new Map<number, number>(),
    machine: machineCpuSeconds().busy,
    at: performance.now(),
  };
}
function cpuBetween(a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>): Cpu {
  let postgres = 0;
  for (const [pid, s] of b.postgres) postgres += s - (a.postgres.get(pid) ?? 0);
  return { seconds: (b.at - a.at) / 1000, parley: b.parley - a.parley, postgres: b.postgres.size ? postgres : undefined, machine: b.machine - a.machine };
}

async function importCustomers(port: number): Promise<{ seconds: number; rate: number }> {
  const started = performance.now();
  let next = 0;
  const calls = Math.ceil(settings.recipients / IMPORT_BATCH);
  await Promise.all(
    Array.from({ length: settings.importConcurrency }, async () => {
      for (let k = next++; k < calls; k = next++) {
        const customers = [];
        for (let i = k * IMPORT_BATCH; i < Math.min(settings.recipients, (k + 1) * IMPORT_BATCH); i++) {
          const id = `c${String(i).padStart(6, '0')}`;
          // Lean rows: 1,000 of them fit the default 256 KiB request body.
          customers.push({
            userId: id,
            orderCount: 1 + (i % 7),
            contact: { name: `Customer ${i}`, email: `${id}@bench.example`, locale: i % 3 === 0 ? 'de' : 'en' },
            consents: [{ channel: 'email', granted: true, textShown: 'Send me offers by email.' }],
          });
        }
        await call(port, 'POST', `/vendors/${vendorId}/customers/import`, { customers });
        if ((k + 1) % 20 === 0) log(`import: ${(k + 1) * IMPORT_BATCH} customers`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rate: settings.recipients / seconds };
}

const template = (subject: string) => ({
  channel: 'email',
  templates: [
    { locale: 'en', content: { subject, text: 'Hello {{ customer.firstName }}, the winter sale starts today: 20% off everything until Sunday.' } },
    { locale: 'de', content: { subject: `${subject} (de)`, text: 'Hallo {{ customer.firstName }}, heute beginnt der Winterschlussverkauf: 20 % auf alles bis Sonntag.' } },
  ],
});

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  const machine = await describeMachine(adminUrl);
  log(`machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}; load average ${machine.loadAverage}`);
  const databaseUrl = adminUrl ? await recreatePostgresDatabase(adminUrl, benchDatabase) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-campaigns-'));
  const env = (roles: string): Record<string, string> => ({
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PARLEY_API_KEYS: secrets.apiKey,
    PARLEY_JWT_SECRET: secrets.jwtSecret,
    PARLEY_ENCRYPTION_KEY: secrets.encryptionKey,
    PARLEY_DATA_DIR: join(dataDir, roles.replace(',', '-')),
    PARLEY_SEND_RATE_LIMIT: '1000000',
    // No quota stands in the way of 100,000 sends a month: the vendor's tier has no limits.
    PARLEY_DEFAULT_TIER: 'enterprise',
    PARLEY_ROLES: roles,
    ...(settings.caps === 'off' ? { PARLEY_FREQUENCY_CAPS: '{"promotional":[]}' } : {}),
    // The campaign and worker settings of the bench's own environment, to measure others than the defaults.
    ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => /^PARLEY_(CAMPAIGN|WORKER)_/.test(e[0]) && e[1] !== undefined)),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(settings.layout === 'split' ? { REDIS_URL: redisUrl, PARLEY_REDIS_PREFIX: `bench-campaigns-${randomBytes(4).toString('hex')}` } : {}),
  });
  const start = async (name: string, roles: string) =>
    startServer({ name, script: 'src/main.ts', port: await freePort(), env: env(roles), readyPath: '/ready', readyStatus: 200, logFile: process.env.BENCH_SERVER_LOG, timeoutMs: 120_000 });
  const processes: ServerProcess[] = [];
  let probe: Probe | undefined;
  let client: pg.Client | undefined;
  try {
    if (settings.layout === 'split') processes.push(await start('api', 'api'), await start('worker', 'worker'));
    else processes.push(await start('api+worker', 'api,worker'));
    const api = processes[0]!;
    const worker = processes.at(-1)!;
    if (databaseUrl) {
      client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
    }

    log(`import: ${settings.recipients} customers in calls of ${IMPORT_BATCH}, ${settings.importConcurrency} at a time`);
    const imported = await importCustomers(api.port);
    const segment = await call(api.port, 'POST', `/vendors/${vendorId}/segments/count`, { segment: { channels: ['email'] } });
    log(`import: ${imported.rate.toFixed(0)} customers/s; segment: ${segment.customers} customers, ${segment.optedIn.email} opted in to email`);

    const key = new TextEncoder().encode(secrets.jwtSecret);
    const tokens = new Map<string, string>();
    for (let i = 0; i < settings.latencyUsers; i++) {
      const userId = `bench-l${i}`;
      tokens.set(userId, await new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('3h').sign(key));
    }
    probe = await startProbe({ port: api.port, apiKey: secrets.apiKey, tokens, rate: settings.latencyRate });
    await sleep(3_000); // the first requests warm the paths
    const idleFrom = performance.now();
    log(`idle: ${settings.latencyRate}/s transactional in-app notifications for ${settings.idleSeconds} s`);
    const idleCpu0 = cpuNow(processes, !!databaseUrl);
    await sleep(settings.idleSeconds * 1000);
    const idleCpu = cpuBetween(idleCpu0, cpuNow(processes, !!databaseUrl));

    // Pace first: a campaign to the audience at the pace asked, cancelled after the minutes asked,
    // which withdraws what is not yet sent (a campaign without a pace is finished once expanded,
    // so nothing of it can be withdrawn: it goes last).
    const paceBase = await counters(worker.port);
    const paceReadings: Reading[] = [];
    const second = await call(api.port, 'POST', '/campaigns', { vendorId, name: 'Winter sale preview', channels: [template('Our winter sale starts tomorrow')], audience: { segment: { channels: ['email'] } }, pacePerMinute: settings.pace, idempotencyKey: 'bench-pace' });
    const paceCreated = performance.now();
    paceReadings.push({ at: paceCreated, ...paceBase }); // nothing of it is sent before its 201
    const paceUntil = paceCreated + settings.paceMinutes * 60_000 + 5_000;
    await follow(worker.port, paceReadings, (r) => r.at >= paceUntil, settings.paceMinutes * 60 + 30, 'paced');
    // A campaign that sent everything before the time was up is finished: nothing to cancel (409 campaign_finished).
    const cancelled = await call(api.port, 'POST', `/campaigns/${second.campaignId}/cancel`).catch((error: Error) => {
      if (/409.*campaign_finished/.test(error.message)) return { withdrawn: 0 };
      throw error;
    });
    const paceTo = performance.now();
    log(`paced: cancelled after ${((paceTo - paceCreated) / 1000).toFixed(0)} s; ${cancelled.withdrawn} withdrawn before they went out`);
    const schedule = client ? (await client.query<{ minute: number; n: number }>(
      // The slot each recipient was given, as the campaign records it (a notification's send_time moves when it is sent).
      `SELECT floor(extract(epoch FROM r.send_at - c.created_at) / 60)::int AS minute, count(*)::int AS n
         FROM campaign_recipients r JOIN campaigns c USING (campaign_id) WHERE c.campaign_id = $1::uuid AND r.send_at IS NOT NULL GROUP BY 1 ORDER BY 1`, [second.campaignId])).rows : undefined;
    await sleep(5_000); // what the cancel did not withdraw settles

    // Expansion: no pace.
    const readings: Reading[] = [];
    const base = await counters(worker.port);
    const cpu0 = cpuNow(processes, !!databaseUrl);
    const createdFrom = performance.now();
    const first = await call(api.port, 'POST', '/campaigns', { vendorId, name: 'Winter sale', channels: [template('Winter sale: 20% off')], audience: { segment: { channels: ['email'] } }, idempotencyKey: 'bench-expansion' });
    const created = performance.now();
    log(`expansion: campaign ${first.campaignId} created in ${(created - createdFrom).toFixed(0)} ms`);
    let checkedAt = 0;
    const expansionDone = async (r: Reading) => {
      if (r.accepted - base.accepted >= segment.optedIn.email) return true;
      if (r.at - checkedAt < 15_000) return false;
      checkedAt = r.at;
      return (await call(api.port, 'GET', `/campaigns/${first.campaignId}`)).progress.expansionDone as boolean;
    };
    const expanded = await follow(worker.port, readings, expansionDone, settings.expansionLimit, 'expansion');
    const cpu1 = cpuNow(processes, !!databaseUrl);
    const accepted = expanded.accepted - base.accepted;
    log(`expansion: ${accepted} accepted in ${((expanded.at - created) / 1000).toFixed(1)} s`);
    // Sending: watched for --send-seconds after the expansion (or until every email is sent).
    const sendUntil = expanded.at + settings.sendSeconds * 1000;
    const drained = await follow(worker.port, readings, (r) => r.sent - base.sent >= accepted || r.at >= sendUntil, settings.sendSeconds + 30, 'sending');
    const cpu2 = cpuNow(processes, !!databaseUrl);
    const sentAll = drained.sent - base.sent >= accepted;
    log(`sending: ${drained.sent - base.sent} of ${accepted} sent ${((drained.at - created) / 1000).toFixed(1)} s after creation`);
    const detail = await call(api.port, 'GET', `/campaigns/${first.campaignId}`);
    const stored = client ? (await client.query<{ first: Date; last: Date; created: Date; n: number }>(
      `SELECT min(l.created_at) AS first, max(l.created_at) AS last, (SELECT created_at FROM campaigns WHERE campaign_id = $1::uuid) AS created, count(*)::int AS n
         FROM notification_logs l WHERE l.metadata->>'campaignId' = $2::text`, [first.campaignId, first.campaignId])).rows[0] : undefined;

    await sleep(3_000);
    await probe.stop(10_000);

    const windows = [
      { name: 'idle', from: idleFrom, to: idleFrom + settings.idleSeconds * 1000 },
      { name: 'expansion (campaign created → every recipient accepted)', from: created, to: expanded.at },
      { name: `sending after the expansion (${sentAll ? 'until every email was sent' : `${settings.sendSeconds} s`})`, from: expanded.at, to: drained.at },
      { name: `paced campaign (${settings.pace.toLocaleString('en')}/min)`, from: paceCreated, to: paceTo },
    ];
    const figures: CampaignFigures = {
      settings: { ...settings, caps: settings.caps === 'off' ? 'no frequency cap' : 'the promotional frequency cap as shipped (3 a week)', layout: settings.layout === 'split' ? 'api + worker processes' : 'one process (api + worker)' },
      storage: databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)',
      imported: { ...imported, customers: segment.customers, optedIn: segment.optedIn.email },
      expansion: {
        recipients: accepted,
        createSeconds: (created - createdFrom) / 1000,
        seconds: (expanded.at - created) / 1000,
        storedSeconds: stored ? (stored.last.getTime() - stored.created.getTime()) / 1000 : undefined,
        stored: stored?.n,
        sentDuring: expanded.sent - base.sent,
        sendSeconds: (drained.at - expanded.at) / 1000,
        sentAfter: drained.sent - expanded.sent,
        sentAll,
        left: accepted - (drained.sent - base.sent),
        cpuExpansion: cpuBetween(cpu0, cpu1),
        cpuSending: cpuBetween(cpu1, cpu2),
        results: detail.results.channels,
      },
      idleCpu,
      pace: {
        asked: settings.pace,
        minutes: perMinute(paceReadings, paceBase.sent, paceCreated, settings.paceMinutes),
        scheduled: schedule,
        withdrawn: cancelled.withdrawn,
      },
      latency: windows.map((w) => windowLatency(probe!, w)),
    };
    const command = `npm run bench:campaigns${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}${databaseUrl ? ' (DATABASE_URL set)' : ''}`;
    const section = campaignSection(figures, machine, command, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    process.stdout.write(`\n${campaignSummary(figures)}\n`);
    for (const p of processes) for (const line of p.problems.samples) log(`logged by ${p.name}: ${line}`);
    if (!args['no-write']) {
      writeCampaignSection(new URL('../docs/BENCHMARKS.md', import.meta.url).pathname, section);
      log('results written to docs/BENCHMARKS.md (Campaigns)');
    }
  } catch (error) {
    for (const p of processes) process.stderr.write(`${p.name} output (last lines):\n${p.output().slice(-20).join('\n')}\n`);
    throw error;
  } finally {
    await probe?.stop(0).catch(() => {});
    await client?.end().catch(() => {});
    await Promise.all(processes.map((p) => p.stop(15_000)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Emails sent in each whole minute from `from` (the counter read between readings, interpolated). */
function perMinute(readings: Reading[], base: number, from: number, minutes: number): number[] {
  const at = (t: number) => {
    const i = readings.findIndex((r) => r.at >= t);
    if (i < 0) return readings.at(-1)!.sent - base;
    if (i === 0) return readings[0]!.sent - base;
    const a = readings[i - 1]!;
    const b = readings[i]!;
    return a.sent - base + ((b.sent - a.sent) * (t - a.at)) / (b.at - a.at);
  };
  return Array.from({ length: Math.floor(minutes) }, (_, m) => Math.round(at(from + (m + 1) * 60_000) - at(from + m * 60_000)));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
