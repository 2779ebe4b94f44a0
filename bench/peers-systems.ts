/**
 * The three systems of the peer benchmark (bench/peers.ts), each behind the same interface:
 * a fresh store, phase 1 (enqueue N webhook notifications with no worker running), a worker
 * process for phase 2, the CPU groups of its stores, and a check of what is left afterwards.
 *
 * - Parley: an API process (PARLEY_ROLES=api) takes POST /notifications/batch, 1,000 per request,
 *   4 requests in flight; then a worker process (PARLEY_ROLES=worker) with its default settings.
 * - BullMQ: Queue.addBulk in the benchmark process, 1,000 per call, 4 calls in flight; a Worker
 *   process with concurrency 64 (bench/peers-worker.ts).
 * - graphile-worker: addJobs in the benchmark process, 1,000 per call, 4 calls in flight; a worker
 *   process with concurrency 64, local queue 500, batched completions (bench/peers-worker.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { benchNotification } from './notify-load.ts';
import { type CpuGroup, pidsNamed, postgresGroups, startCpuAccount } from './notify-cpu.ts';
import { freePort, type ServerProcess, startServer } from './processes.ts';
import { recreatePostgresDatabase } from './seed.ts';

export interface Environment {
  adminUrl: string;
  redisUrl: string;
  /** The sink's URL and the Standard Webhooks secret every system signs with. */
  webhookUrl: string;
  webhookSecret: string;
  /** A client of the admin database, for pg_stat_activity (its own backend is in no group). */
  sampler: pg.Client;
  /** Node arguments for the worker process (e.g. --cpu-prof). */
  workerNodeArgs?: string[];
  /** Appends what the processes write to this file. */
  logFile?: string;
}

export interface System {
  key: 'parley' | 'bullmq' | 'graphile';
  name: string;
  /** How it was set up, for the report. */
  setup: string;
  /** The PostgreSQL database it uses, if any (for its statistics). */
  database?: string;
  /** Phase 1: enqueues `count` notifications with no worker running; answers the seconds it took. */
  enqueue(count: number): Promise<number>;
  /** Phase 2: starts the worker process (it drains as soon as it runs). */
  startWorker(): Promise<ServerProcess>;
  /** The CPU groups of the stores the worker uses: what "the database server" is for this system. */
  storeGroups(): CpuGroup[];
  /** Jobs or deliveries not finished, read from the store after the drain. */
  unfinished(): Promise<number>;
  /** Drops the database, deletes the keys, removes temporary files. */
  cleanup(): Promise<void>;
}

/** The body of every webhook: what Parley posts for the benchmark notification (its message, no template). */
export const webhookPayload = (() => {
  const { template: _t, ...message } = benchNotification('', '', ['webhook']).message;
  return message as Record<string, unknown>;
})();

export const BATCH = 1000;
export const IN_FLIGHT = 4;
export const PEER_CONCURRENCY = 64;

/** Runs `count` items in calls of BATCH, IN_FLIGHT calls at once; answers the seconds from the first call to the last answer. */
async function inBatches(count: number, call: (size: number, offset: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const offset = next;
      const size = Math.min(BATCH, count - offset);
      next += size;
      await call(size, offset);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return (performance.now() - started) / 1000;
}

const databaseName = (key: string) => `peers_bench_${key}`;

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

const postgresStore = (env: Environment, database: string): CpuGroup[] => postgresGroups(env.sampler, database);

// ---------------------------------------------------------------------------------------------
// Parley

export async function parleySystem(env: Environment): Promise<System> {
  const database = databaseName('parley');
  const databaseUrl = await recreatePostgresDatabase(env.adminUrl, database);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-peers-'));
  const apiKey = randomBytes(24).toString('base64url');
  const common = {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    PARLEY_API_KEYS: apiKey,
    PARLEY_JWT_SECRET: randomBytes(32).toString('base64url'),
    PARLEY_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', url: env.webhookUrl, secret: env.webhookSecret }] }),
  };
  const start = async (roles: 'api' | 'worker', nodeArgs?: string[]) =>
    startServer({
      name: `parley ${roles}`,
      script: 'src/main.ts',
      port: await freePort(),
      env: { ...common, PARLEY_ROLES: roles, PARLEY_DATA_DIR: join(dataDir, roles) },
      readyPath: '/ready',
      readyStatus: 200,
      timeoutMs: 90_000,
      nodeArgs,
      logFile: env.logFile,
    });
  const client = new pg.Client({ connectionString: databaseUrl });
  let connected = false;
  return {
    key: 'parley',
    name: 'Parley',
    setup: `POST /notifications/batch (${BATCH.toLocaleString('en')} per request, ${IN_FLIGHT} in flight) to an API process (PARLEY_ROLES=api); one worker process (PARLEY_ROLES=worker, default settings)`,
    database,
    async enqueue(count) {
      const api = await start('api');
      try {
        const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
        const write = notificationWriter();
        const seconds = await inBatches(count, async (size, offset) => {
          const parts = new Array<string>(size);
          for (let i = 0; i < size; i++) parts[i] = write(randomUUID(), `bench-r${offset + i}`);
          const answer = await post(agent, api.port, apiKey, Buffer.from(`{"notifications":[${parts.join(',')}]}`));
          const accepted = answer.status === 202 ? /^\{"accepted":(\d+)/.exec(answer.head) : null;
          if (!accepted || Number(accepted[1]) !== size) throw new Error(`Parley answered ${answer.status}: ${answer.head}`);
        });
        agent.destroy();
        return seconds;
      } finally {
        await api.stop(15_000);
      }
    },
    startWorker: () => start('worker', env.workerNodeArgs),
    storeGroups: () => postgresStore(env, database),
    async unfinished() {
      if (!connected) await client.connect();
      connected = true;
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_logs WHERE status <> 'sent'`);
      return rows[0]!.n;
    },
    async cleanup() {
      if (connected) await client.end();
      await dropDatabase(env.adminUrl, database);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Serialises the benchmark notification, webhook only, for any requestId and userId. */
function notificationWriter(): (requestId: string, userId: string) => string {
  const [head, middle, tail] = JSON.stringify(benchNotification('\u0001', '\u0002', ['webhook'])).split(/"\\u000[12]"/) as [string, string, string];
  return (requestId, userId) => `${head}"${requestId}"${middle}"${userId}"${tail}`;
}

function post(agent: Agent, port: number, apiKey: string, body: Buffer): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/notifications/batch',
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': body.length },
        timeout: 60_000,
      },
      (res) => {
        let head = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (head.length < 300) head += chunk.slice(0, 300);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, head }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 60 s')));
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Peers: the worker process is bench/peers-worker.ts

async function startPeerWorker(env: Environment, peer: 'bullmq' | 'graphile', extra: Record<string, string>): Promise<ServerProcess> {
  return startServer({
    name: `${peer} worker`,
    script: 'bench/peers-worker.ts',
    port: await freePort(),
    env: { PEER: peer, PEER_CONCURRENCY: String(PEER_CONCURRENCY), WEBHOOK_URL: env.webhookUrl, WEBHOOK_SECRET: env.webhookSecret, ...extra },
    readyPath: '/ready',
    readyStatus: 200,
    timeoutMs: 90_000,
    nodeArgs: env.workerNodeArgs,
    logFile: env.logFile,
  });
}

export async function bullmqSystem(env: Environment): Promise<System> {
  const { Queue } = await import('bullmq');
  const prefix = `bench-peers-${randomBytes(4).toString('hex')}`;
  const queueName = 'webhooks';
  const redis = new URL(env.redisUrl);
  const connection = { host: redis.hostname, port: Number(redis.port || 6379), db: Number(redis.pathname.slice(1) || 0), maxRetriesPerRequest: null };
  const queue = new Queue(queueName, { connection, prefix });
  await queue.waitUntilReady();
  return {
    key: 'bullmq',
    name: 'BullMQ',
    setup: `Queue.addBulk in the benchmark process (${BATCH.toLocaleString('en')} per call, ${IN_FLIGHT} in flight; removeOnComplete); one Worker process, concurrency ${PEER_CONCURRENCY}; Redis, keys under a prefix of its own`,
    async enqueue(count) {
      return inBatches(count, async (size) => {
        const jobs = Array.from({ length: size }, () => ({
          name: 'webhook',
          data: { id: randomUUID(), payload: webhookPayload },
          opts: { removeOnComplete: true, removeOnFail: 1000 },
        }));
        await queue.addBulk(jobs);
      });
    },
    startWorker: () => startPeerWorker(env, 'bullmq', { REDIS_URL: env.redisUrl, PEER_QUEUE: queueName, PEER_PREFIX: prefix }),
    storeGroups: () => [{ label: 'Redis', pids: () => pidsNamed('redis-server') }],
    async unfinished() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'paused', 'prioritized', 'waiting-children');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async cleanup() {
      await queue.obliterate({ force: true });
      // Whatever obliterate leaves (meta, event stream): every key under the prefix.
      const client = (await queue.client) as unknown as {
        scan(cursor: string, match: 'MATCH', pattern: string, countWord: 'COUNT', count: number): Promise<[string, string[]]>;
        del(...keys: string[]): Promise<number>;
      };
      for (let cursor = '0'; ; ) {
        const [nextCursor, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await client.del(...keys);
        cursor = nextCursor;
        if (cursor === '0') break;
      }
      await queue.close();
    },
  };
}

export async function graphileSystem(env: Environment): Promise<System> {
  const { makeWorkerUtils } = await import('graphile-worker');
  const database = databaseName('graphile');
  const databaseUrl = await recreatePostgresDatabase(env.adminUrl, database);
  // A pool of our own, so that its idle clients are closed before the database is dropped (an idle
  // client the drop terminates would otherwise raise an error nobody listens to).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: IN_FLIGHT + 1 });
  pool.on('error', () => {});
  const utils = await makeWorkerUtils({ pgPool: pool });
  await utils.migrate();
  return {
    key: 'graphile',
    name: 'graphile-worker',
    setup: `addJobs in the benchmark process (${BATCH.toLocaleString('en')} per call, ${IN_FLIGHT} in flight); one worker process, concurrency ${PEER_CONCURRENCY}, pool ${Math.max(10, PEER_CONCURRENCY + 2)}, localQueue.size 500, completeJobBatchDelay 0, failJobBatchDelay 0`,
    database,
    async enqueue(count) {
      return inBatches(count, async (size) => {
        await utils.addJobs(Array.from({ length: size }, () => ({ identifier: 'webhook', payload: { id: randomUUID(), payload: webhookPayload } })));
      });
    },
    startWorker: () => startPeerWorker(env, 'graphile', { DATABASE_URL: databaseUrl }),
    storeGroups: () => postgresStore(env, database),
    async unfinished() {
      const rows = await utils.withPgClient((client) => client.query<{ n: number }>('SELECT count(*)::int AS n FROM graphile_worker._private_jobs'));
      return rows.rows[0]!.n;
    },
    async cleanup() {
      await utils.release();
      await pool.end();
      await dropDatabase(env.adminUrl, database);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parley, in-app only (--in-app): no provider, no peer

export interface InAppResult {
  count: number;
  /** From the first POST to the last answer. */
  acceptSeconds: number;
  /** From the first POST until every delivery is `sent` (in the feed). */
  sentSeconds: number;
  /** Deliveries not `sent` when the phase ended, and queue rows left (0 when the queue table does not exist). */
  unfinished: number;
  cores: Record<string, number>;
}

/**
 * `count` in-app notifications (to distinct users) through POST /notifications/batch (BATCH per
 * request, IN_FLIGHT in flight) to an API process and a worker process on a fresh database, both
 * running throughout: the rate at which they reach the feed, end to end.
 */
export async function parleyInApp(env: Environment, count: number): Promise<InAppResult> {
  const database = databaseName('parley');
  const databaseUrl = await recreatePostgresDatabase(env.adminUrl, database);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-peers-'));
  const apiKey = randomBytes(24).toString('base64url');
  const common = {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    PARLEY_API_KEYS: apiKey,
    PARLEY_JWT_SECRET: randomBytes(32).toString('base64url'),
    PARLEY_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
  };
  const start = async (roles: 'api' | 'worker') =>
    startServer({
      name: `parley ${roles}`,
      script: 'src/main.ts',
      port: await freePort(),
      env: { ...common, PARLEY_ROLES: roles, PARLEY_DATA_DIR: join(dataDir, roles) },
      readyPath: '/ready',
      readyStatus: 200,
      timeoutMs: 90_000,
      logFile: env.logFile,
    });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const api = await start('api');
  const worker = await start('worker');
  try {
    const cpu = await startCpuAccount([
      { label: 'api', pids: () => [api.pid] },
      { label: 'worker', pids: () => [worker.pid] },
      ...postgresStore(env, database),
    ]);
    const reading = setInterval(() => void cpu.read(), 1000);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const [head, middle, tail] = JSON.stringify(benchNotification('\u0001', '\u0002', ['in-app'])).split(/"\\u000[12]"/) as [string, string, string];
    const started = performance.now();
    const acceptSeconds = await inBatches(count, async (size, offset) => {
      const parts = new Array<string>(size);
      for (let i = 0; i < size; i++) parts[i] = `${head}"${randomUUID()}"${middle}"bench-inapp-${offset + i}"${tail}`;
      const answer = await post(agent, api.port, apiKey, Buffer.from(`{"notifications":[${parts.join(',')}]}`));
      const accepted = answer.status === 202 ? /^\{"accepted":(\d+)/.exec(answer.head) : null;
      if (!accepted || Number(accepted[1]) !== size) throw new Error(`Parley answered ${answer.status}: ${answer.head}`);
    });
    agent.destroy();
    const sentCount = async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_logs WHERE status = 'sent'`)).rows[0]!.n;
    let sent = await sentCount();
    const deadline = performance.now() + 120_000;
    while (sent < count && performance.now() < deadline) {
      await sleep(20);
      sent = await sentCount();
    }
    const sentSeconds = (performance.now() - started) / 1000;
    clearInterval(reading);
    await cpu.read();
    const left = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_logs WHERE status <> 'sent'`);
    const queue = await client.query<{ n: number }>(`SELECT CASE WHEN to_regclass('notification_queue') IS NULL THEN 0 ELSE 1 END AS n`);
    const queued = queue.rows[0]!.n ? (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_queue')).rows[0]!.n : 0;
    return { count, acceptSeconds, sentSeconds, unfinished: left.rows[0]!.n + queued, cores: cpu.total() };
  } finally {
    await worker.stop(15_000);
    await api.stop(15_000);
    await client.end();
    await dropDatabase(env.adminUrl, database);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
