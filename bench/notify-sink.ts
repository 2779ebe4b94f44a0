/**
 * The webhook endpoint the notification benchmark gives Parley (PARLEY_PROVIDERS webhook entry):
 * an HTTP server in a worker thread of the benchmark process, so that answering thousands of
 * webhooks a second does not delay the load generator's schedule on the main thread. It answers
 * 200 to every POST, counts `webhook-id`s (distinct and repeated) and checks the Standard Webhooks
 * signature of every 100th request with Parley's own signWebhook.
 *
 * startSink() (main thread) starts the thread and returns its port and a counter reader.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { signWebhook } from '../src/notifications/providers/webhook.ts';

export interface SinkCounts {
  /** POSTs answered. */
  received: number;
  /** Distinct webhook-id values: each is one delivery (the delivery's log id). */
  distinct: number;
  /** Requests whose webhook-id had been seen before (a retried or repeated delivery). */
  repeated: number;
  /** Signatures checked, and how many of them did not verify. */
  checked: number;
  badSignatures: number;
  /** CPU time of the sink's thread so far, seconds (/proc/thread-self/stat). */
  cpuSeconds: number;
  /** When the latest new webhook-id arrived, epoch milliseconds (0: none yet). */
  lastDistinctAt: number;
}

export interface Sink {
  port: number;
  counts(): Promise<SinkCounts>;
  /** Forgets the ids seen (between phases), keeping the thread and its port. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** CPU time of the calling thread so far, seconds (user + system, USER_HZ = 100). */
export function threadCpuSeconds(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// Threads do not inherit the TypeScript loader: the thread registers it, then loads this module.
const workerScript = `
  import('tsx/esm/api')
    .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });
`;

export async function startSink(secret: string): Promise<Sink> {
  const worker = new Worker(workerScript, { eval: true, workerData: { secret } });
  worker.unref();
  const answers = new Map<number, (value: unknown) => void>();
  let next = 0;
  let started: (port: number) => void;
  let failed: (error: Error) => void;
  const port = new Promise<number>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  worker.on('error', (error) => failed(error));
  worker.on('message', (message: { port?: number; id?: number; body?: unknown }) => {
    if (message.port !== undefined) return started(message.port);
    answers.get(message.id!)?.(message.body);
    answers.delete(message.id!);
  });
  const ask = (command: string) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      answers.set(id, resolve);
      worker.postMessage({ id, command });
    });
  return {
    port: await port,
    counts: () => ask('counts') as Promise<SinkCounts>,
    reset: async () => void (await ask('reset')),
    async close() {
      await ask('close');
      await worker.terminate();
    },
  };
}

if (!isMainThread && (workerData as { secret?: string } | undefined)?.secret) {
  const { secret } = workerData as { secret: string };
  let seen = new Set<string>();
  const counts = { received: 0, distinct: 0, repeated: 0, checked: 0, badSignatures: 0, lastDistinctAt: 0 };
  const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    counts.received++;
    const id = String(req.headers['webhook-id'] ?? '');
    if (seen.has(id)) counts.repeated++;
    else {
      seen.add(id);
      counts.distinct++;
      counts.lastDistinctAt = Date.now();
    }
    const answer = () => {
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    };
    if (counts.received % 100 !== 0) {
      req.resume();
      req.on('end', answer);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const timestamp = Number(req.headers['webhook-timestamp']);
      const expected = signWebhook(secret, id, timestamp, Buffer.concat(chunks).toString('utf8'));
      counts.checked++;
      if (req.headers['webhook-signature'] !== expected) counts.badSignatures++;
      answer();
    });
  });
  server.headersTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.address() as { port: number }).port }));
  parentPort!.on('message', ({ id, command }: { id: number; command: string }) => {
    if (command === 'counts') parentPort!.postMessage({ id, body: { ...counts, cpuSeconds: threadCpuSeconds() } });
    else if (command === 'reset') {
      seen = new Set();
      Object.assign(counts, { received: 0, distinct: 0, repeated: 0, checked: 0, badSignatures: 0, lastDistinctAt: 0 });
      parentPort!.postMessage({ id, body: null });
    } else if (command === 'close') {
      server.closeAllConnections();
      server.close(() => parentPort!.postMessage({ id, body: null }));
    }
  });
}
