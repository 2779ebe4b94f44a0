import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Command, WorkerSetup } from './load-worker.ts';
import type { EndpointSpec, RunOptions, ShareResult } from './load.ts';
import type { Pair } from './seed.ts';
import { type Summary, summarise } from './stats.ts';

export interface RunResult {
  scheduled: number;
  sent: number;
  /** Sends in the measured window (after the warm-up). */
  measuredSent: number;
  received: number;
  measuredReceived: number;
  /** Measured messages that never arrived (within the drain time). */
  lost: number;
  duplicates: number;
  acked: number;
  ackedCreated: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** Sends per second actually achieved over the whole schedule. */
  achievedRate: number;
  /** Receiver's receive time − scheduled send time, measured window only. */
  latency: Summary;
  /** Sender's ack time − scheduled send time (Parley only): stored, and fanned out. */
  ackLatency: Summary;
  /** How late the load generator's own sends went out (actual − scheduled), measured window. */
  sendLag: Summary;
  /** The load generator's garbage collections over all its threads: how many, pauses summed, longest (ms). */
  generatorGc: { count: number; total: number; max: number };
  /** Load generator CPU over the schedule, in cores. */
  generatorCpu: number;
  wallSeconds: number;
}

export interface Generator {
  readonly sockets: number;
  run(options: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

// Threads do not inherit the TypeScript loader: the thread registers it, then loads its module.
const workerScript = `
  import('tsx/esm/api')
    .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)}); });
`;

/**
 * The load generator: `threads` worker threads, each with the sockets of every threads-th pair
 * (a pair's two users in one thread, so each latency is read on one clock, and a pause in one
 * thread's garbage collector holds up only its own messages).
 */
export async function startGenerator(pairs: Pair[], endpoint: EndpointSpec, threads: number): Promise<Generator> {
  const workers = Array.from({ length: threads }, (_, thread) => {
    const own = pairs.filter((p) => p.index % threads === thread);
    const setup: WorkerSetup = {
      pairs: own,
      endpoint:
        endpoint.kind === 'parley'
          ? { ...endpoint, tokens: Object.fromEntries(own.flatMap((p) => [p.buyer, p.seller].map((u) => [u, endpoint.tokens[u]!]))) }
          : endpoint,
    };
    const worker = new Worker(workerScript, { eval: true, workerData: setup });
    worker.on('error', () => {}); // reported to the command waiting for it (see ask)
    return worker;
  });
  const failures = new Map<Worker, Error>();
  for (const worker of workers) {
    worker.on('error', (error) => failures.set(worker, error));
    worker.on('exit', (code) => failures.set(worker, failures.get(worker) ?? new Error(`load generator thread exited (${code})`)));
  }
  /** Sends a command to a thread and waits for its answer, or for the thread to fail. */
  const ask = <T>(worker: Worker, command: Command) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
      };
      const onMessage = (reply: { ok: boolean; answer?: unknown; error?: string }) => {
        done();
        if (reply.ok) resolve(reply.answer as T);
        else reject(new Error(`load generator thread: ${reply.error}`));
      };
      const onFailure = () => {
        done();
        reject(failures.get(worker) ?? new Error('load generator thread failed'));
      };
      if (failures.has(worker)) return reject(failures.get(worker));
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
      worker.postMessage(command);
    });
  const terminate = () => Promise.all(workers.map((w) => w.terminate()));

  let sockets = 0;
  try {
    for (const worker of workers) sockets += await ask<number>(worker, { type: 'open' });
  } catch (error) {
    await Promise.all(workers.map((w) => ask(w, { type: 'close' }).catch(() => {})));
    await terminate();
    throw error;
  }

  return {
    sockets,
    async run(options) {
      const startAt = performance.timeOrigin + performance.now() + 200;
      const cpuBefore = process.cpuUsage();
      const shares = await Promise.all(
        workers.map((worker, thread) => ask<ShareResult>(worker, { type: 'run', options, share: { startAt, thread, threads, pairs: pairs.length } })),
      );
      const cpu = process.cpuUsage(cpuBefore);
      return merge(shares, options, startAt, cpu);
    },
    async close() {
      await Promise.all(workers.map((w) => ask(w, { type: 'close' }).catch(() => {})));
      await terminate();
    },
  };
}

function merge(shares: ShareResult[], options: RunOptions, startAt: number, cpu: NodeJS.CpuUsage): RunResult {
  const sum = (pick: (s: ShareResult) => number) => shares.reduce((n, s) => n + pick(s), 0);
  const concat = (pick: (s: ShareResult) => Float64Array) => {
    const out = new Float64Array(sum((s) => pick(s).length));
    let at = 0;
    for (const s of shares) {
      out.set(pick(s), at);
      at += pick(s).length;
    }
    return out;
  };
  const wallSeconds = (Math.max(...shares.map((s) => s.sendEnd)) - startAt) / 1000;
  const errorCodes: Record<string, number> = {};
  for (const s of shares) for (const [code, n] of Object.entries(s.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + n;
  const latencies = concat((s) => s.latencies);
  const measuredSent = sum((s) => s.measuredSent);
  return {
    scheduled: Math.round((options.warmupSeconds + options.durationSeconds) * options.rate),
    sent: sum((s) => s.sent),
    measuredSent,
    received: sum((s) => s.received),
    measuredReceived: latencies.length,
    lost: measuredSent - latencies.length,
    duplicates: sum((s) => s.duplicates),
    acked: sum((s) => s.acked),
    ackedCreated: sum((s) => s.ackedCreated),
    errors: sum((s) => s.errors),
    errorCodes,
    achievedRate: sum((s) => s.sent) / wallSeconds,
    latency: summarise(latencies),
    ackLatency: summarise(concat((s) => s.ackLatencies)),
    sendLag: summarise(concat((s) => s.lags)),
    generatorGc: { count: sum((s) => s.gc.count), total: sum((s) => s.gc.total), max: Math.max(...shares.map((s) => s.gc.max)) },
    generatorCpu: (cpu.user + cpu.system) / 1e6 / wallSeconds,
    wallSeconds,
  };
}
