/**
 * The worker process of a peer queue in the peer benchmark (bench/peers.ts): BullMQ or
 * graphile-worker, chosen by PEER, draining the jobs the benchmark enqueued. Each job is one
 * webhook, sent with Parley's own webhook provider (the same Standard Webhooks signing and the same
 * keep-alive undici pool of 64 connections that Parley's worker uses), so only the queue differs.
 *
 * It answers GET /ready with 200 once its worker runs, on PORT, so the benchmark starts it like
 * Parley's processes (bench/processes.ts).
 *
 * Environment: PEER (bullmq | graphile), PEER_CONCURRENCY, WEBHOOK_URL, WEBHOOK_SECRET;
 * BullMQ: REDIS_URL, PEER_QUEUE, PEER_PREFIX; graphile-worker: DATABASE_URL.
 */
import { createServer } from 'node:http';
import pino from 'pino';
import { webhookProvider } from '../src/notifications/providers/webhook.ts';

/** What every peer job carries: the delivery id (the webhook-id) and the JSON body. */
export interface WebhookJob {
  id: string;
  payload: Record<string, unknown>;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const peer = env('PEER');
const concurrency = Number(env('PEER_CONCURRENCY'));
const provider = webhookProvider({ url: env('WEBHOOK_URL'), secret: env('WEBHOOK_SECRET') }, { name: 'bench-sink', log: pino({ level: 'warn' }) });
const send = (job: WebhookJob) => provider.send({ deliveryId: job.id, requestId: job.id, payload: job.payload });

let stop: () => Promise<void>;
if (peer === 'bullmq') {
  const { Worker } = await import('bullmq');
  const redis = new URL(env('REDIS_URL'));
  const worker = new Worker<WebhookJob>(env('PEER_QUEUE'), async (job) => void (await send(job.data)), {
    connection: { host: redis.hostname, port: Number(redis.port || 6379), db: Number(redis.pathname.slice(1) || 0), maxRetriesPerRequest: null },
    prefix: env('PEER_PREFIX'),
    concurrency,
    autorun: false,
  });
  worker.on('error', (error) => process.stderr.write(`bullmq worker: ${error.message}\n`));
  void worker.run();
  await worker.waitUntilReady();
  stop = () => worker.close();
} else if (peer === 'graphile') {
  const { run } = await import('graphile-worker');
  const { Logger } = await import('graphile-worker');
  const quiet = new Logger(() => (level: string, message: string) => {
    if (level === 'error' || level === 'warning') process.stderr.write(`graphile-worker ${level}: ${message}\n`);
  });
  const runner = await run({
    connectionString: env('DATABASE_URL'),
    concurrency,
    // "10 or concurrentJobs + 2, whichever is larger" (the option's documentation)
    maxPoolSize: Math.max(10, concurrency + 2),
    noHandleSignals: true,
    logger: quiet,
    taskList: { webhook: async (payload) => void (await send(payload as WebhookJob)) },
    // The batching the performance page (worker.graphile.org/docs/performance) runs with.
    preset: { worker: { localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
  stop = () => runner.stop();
} else throw new Error(`PEER must be bullmq or graphile, not "${peer}"`);

const server = createServer((req, res) => {
  res.writeHead(req.url === '/ready' ? 200 : 404, { 'content-length': '0' });
  res.end();
});
server.listen(Number(env('PORT')), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void stop().finally(() => process.exit(0));
});
