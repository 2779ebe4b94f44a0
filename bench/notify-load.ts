/**
 * Load generators of the notification benchmark, on the main thread of the benchmark process:
 * - runBatchLoad: POST /notifications/batch with `batchSize` notifications each, open-loop at a
 *   target rate with at most `maxInFlight` batches outstanding (if the server is slower, batches
 *   go out as soon as a slot frees, and what the time did not allow is reported as not sent);
 * - runLatencyLoad: users connected over /ws, single POST /notifications (in-app) open-loop,
 *   each matched by requestId with the notification.created frame its recipient receives.
 * Bodies are JSON strings built by concatenation around a serialised template, so the
 * generator's cost per notification is a uuid and a few string joins.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import type { Channel, NotificationRequest } from '../src/notifications/model.ts';
import { type Summary, summarise } from './stats.ts';

/** The notification every benchmark sends: a transactional order update, literal content. */
export function benchNotification(requestId: string, userId: string, channels: Channel[], priority?: Priority): NotificationRequest {
  return {
    requestId,
    notificationType: 'transactional',
    channels,
    recipient: { userId },
    message: {
      subject: 'Your order has shipped',
      body: 'Order 48213 left the warehouse this morning; the carrier expects to deliver it on Thursday.',
    },
    metadata: { campaignId: 'bench-shipping', ...(priority ? { priority } : {}) },
  };
}

type Priority = 'low' | 'medium' | 'high';

/** Serialises benchNotification for any requestId and userId by joining around the template. */
function notificationWriter(channels: Channel[], priority?: Priority): (requestId: string, userId: string) => string {
  const [head, middle, tail] = JSON.stringify(benchNotification('\u0001', '\u0002', channels, priority)).split(/"\\u000[12]"/) as [string, string, string];
  return (requestId, userId) => `${head}"${requestId}"${middle}"${userId}"${tail}`;
}

/** The JSON size of one notification, bytes (for the body limit and the report). */

interface Answer {
  status: number;
  /** The first bytes of the body (where a batch answer says how many it accepted). */
  head: string;
}

/** `connected`: called when the request gets one of the agent's connections (at once unless all are busy). */
function post(agent: Agent, port: number, path: string, apiKey: string, body: Buffer, connected?: () => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
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
    if (connected) req.once('socket', connected);
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Counts an error by a short key, keeping a few samples to show. */
class Errors {
  readonly counts: Record<string, number> = {};
  readonly samples: string[] = [];
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
  add(key: string, sample: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (this.samples.length < 5) this.samples.push(sample.slice(0, 300));
  }
  answer(answer: Answer): void {
    const code = /"code":"([^"]+)"/.exec(answer.head)?.[1];
    this.add(`HTTP ${answer.status}${code ? ` ${code}` : ''}`, answer.head);
  }
  failure(error: unknown): void {
    const e = error as NodeJS.ErrnoException;
    this.add(e.code ?? e.message ?? String(error), String(e.message ?? error));
  }
}

export interface BatchLoadOptions {
  port: number;
  apiKey: string;
  /** Notifications per second. */
  rate: number;
  batchSize: number;
  seconds: number;
  maxInFlight: number;
  /** Recipients are drawn at random from this many user ids. */
  users: number;
  /** The channels of every notification (default in-app and webhook). */
  channels?: Channel[];
  /** metadata.priority of every notification (default: none, the type's: medium). */
  priority?: Priority;
}

export interface BatchLoadResult {
  scheduledBatches: number;
  sentBatches: number;
  /** Batches the schedule had due that could not go out before the time was up (all slots busy). */
  notSentBatches: number;
  acceptedBatches: number;
  accepted: number;
  errors: Errors;
  /** From the request's send to its answer's last byte, accepted batches. */
  latency: Summary;
  /** How late batches went out against the schedule. */
  sendLag: Summary;
  /** From the first send to the last answer, seconds. */
  wallSeconds: number;
}

export interface BatchLoad {
  /** Notifications accepted so far (the 202 answers' "accepted"). */
  readonly accepted: number;
  readonly inFlight: number;
  readonly result: Promise<BatchLoadResult>;
}

export function runBatchLoad(options: BatchLoadOptions): BatchLoad {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const write = notificationWriter(options.channels ?? ['in-app', 'webhook'], options.priority);
  const interval = (options.batchSize / options.rate) * 1000;
  const total = Math.max(1, Math.floor((options.seconds * options.rate) / options.batchSize));
  const latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  const connectionWaits = new Float64Array(total);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const errors = new Errors();
  const state = { accepted: 0, inFlight: 0, acceptedBatches: 0, sent: 0 };
  const start = performance.now() + 20;
  const stopAt = start + options.seconds * 1000;
  let next = 0;
  let lastAnswer = start;
  let timer: NodeJS.Timeout | undefined;

  const body = () => {
    const parts = new Array<string>(options.batchSize);
    for (let i = 0; i < options.batchSize; i++) parts[i] = write(randomUUID(), `bench-r${randomInt(options.users)}`);
    return Buffer.from(`{"notifications":[${parts.join(',')}]}`);
  };

  const result = new Promise<BatchLoadResult>((resolve) => {
    const finish = () => {
      agent.destroy();
      resolve({
        scheduledBatches: total,
        sentBatches: state.sent,
        notSentBatches: total - next,
        acceptedBatches: state.acceptedBatches,
        accepted: state.accepted,
        errors,
        latency: summarise(latencies.subarray(0, state.acceptedBatches)),
        sendLag: summarise(lags.subarray(0, state.sent)),
        wallSeconds: (lastAnswer - start) / 1000,
      });
    };
    const pump = () => {
      clearTimeout(timer);
      timer = undefined;
      const now = performance.now();
      const open = now < stopAt;
      while (open && next < total && start + next * interval <= now && state.inFlight < options.maxInFlight) {
        const k = next++;
        const payload = body();
        const sentAt = performance.now();
        lags[state.sent++] = sentAt - (start + k * interval);
        state.inFlight++;
        post(agent, options.port, '/notifications/batch', options.apiKey, payload).then(
          (answer) => {
            const accepted = answer.status === 202 ? /^\{"accepted":(\d+)/.exec(answer.head) : null;
            if (accepted) {
              state.accepted += Number(accepted[1]);
              latencies[state.acceptedBatches++] = performance.now() - sentAt;
            } else errors.answer(answer);
          },
          (error: unknown) => errors.failure(error),
        ).finally(() => {
          state.inFlight--;
          lastAnswer = performance.now();
          pump();
        });
      }
      if (!open || next >= total) {
        if (state.inFlight === 0) finish();
        return;
      }
      // Due batches wait for a slot (an answer calls pump); otherwise wake at the next due time or the end.
      if (state.inFlight < options.maxInFlight) timer = setTimeout(pump, Math.max(0, Math.min(start + next * interval, stopAt) - performance.now()));
      else timer = setTimeout(pump, Math.max(0, stopAt - performance.now()));
    };
    timer = setTimeout(pump, Math.max(0, start - performance.now()));
  });
  return {
    get accepted() {
      return state.accepted;
    },
    get inFlight() {
      return state.inFlight;
    },
    result,
  };
}

const readyPrefix = Buffer.from('{"type":"ready"');
const notificationPrefix = Buffer.from('{"type":"notification.created"');
const startsWith = (data: Buffer, prefix: Buffer) => data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** One socket per user on /ws, with its JWT; resolves once every socket has had its ready frame. */
export async function openSockets(port: number, tokens: Map<string, string>, onNotification: (data: Buffer) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const open = ([userId, token]: [string, string]) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      sockets.push(socket);
      const timer = setTimeout(() => reject(new Error(`socket of ${userId} not ready within 30 s`)), 30_000);
      socket.once('error', (error) => reject(new Error(`socket of ${userId}: ${error.message}`)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`socket of ${userId}: HTTP ${res.statusCode}`)));
      socket.on('message', (data: Buffer) => {
        if (startsWith(data, notificationPrefix)) onNotification(data);
        else if (startsWith(data, readyPrefix)) {
          clearTimeout(timer);
          socket.on('error', () => {}); // a socket lost later shows as missing notifications
          resolve(socket);
        }
      });
    });
  const entries = [...tokens];
  try {
    for (let from = 0; from < entries.length; from += 250) await Promise.all(entries.slice(from, from + 250).map(open));
  } catch (error) {
    for (const s of sockets) s.terminate();
    throw error;
  }
  return sockets;
}

export interface LatencyOptions {
  port: number;
  apiKey: string;
  /** Each user's JWT; request i goes to the i-th user, round robin. */
  tokens: Map<string, string>;
  rate: number;
  seconds: number;
  /** How long to wait for the last notifications after the last send. */
  waitSeconds: number;
  /** The client's HTTP connections (keep-alive); past them requests wait in the client. */
  connections: number;
}

export interface LatencyResult {
  users: number;
  sent: number;
  /** Answered 202. */
  accepted: number;
  /** Not answered at all by the end of the wait. */
  unanswered: number;
  received: number;
  duplicates: number;
  /** Accepted but never received (within waitSeconds of the last send). */
  missing: number;
  errors: Errors;
  /** WebSocket receipt − the request's send time. */
  latency: Summary;
  /** The 202 answer − the request's send time. */
  acceptLatency: Summary;
  sendLag: Summary;
  achievedRate: number;
  /**
   * The benchmark client's own share: how long requests waited for one of its connections
   * (all busy: part of the latency above, before Parley sees the request), and its event-loop delay.
   */
  client: { connectionWait: Summary; loopDelayP99Ms: number; loopDelayMaxMs: number };
}

export async function runLatencyLoad(options: LatencyOptions): Promise<LatencyResult> {
  const users = [...options.tokens.keys()];
  const total = Math.round(options.rate * options.seconds);
  const ids = new Map<string, number>();
  const sentAt = new Float64Array(total);
  const acceptedAt = new Float64Array(total).fill(Number.NaN);
  const receivedAt = new Float64Array(total).fill(Number.NaN);
  const lags = new Float64Array(total);
  const connectionWaits = new Float64Array(total);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const errors = new Errors();
  const counts = { sent: 0, accepted: 0, received: 0, duplicates: 0, answered: 0 };
  const sockets = await openSockets(options.port, options.tokens, (data) => {
    const now = performance.now();
    // {"type":"notification.created","notification":{"logId":"...","requestId":"<uuid>",...
    const at = data.indexOf('"requestId":"');
    const index = at < 0 ? undefined : ids.get(data.toString('latin1', at + 13, at + 49));
    if (index === undefined) return;
    if (!Number.isNaN(receivedAt[index]!)) counts.duplicates++;
    else {
      receivedAt[index] = now;
      counts.received++;
    }
  });
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const write = notificationWriter(['in-app']);
  const interval = 1000 / options.rate;
  try {
    await sleep(1_000); // the sockets' presence settles before the first request
    loopDelay.enable();
    const start = performance.now() + 20;
    let next = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < total && start + next * interval <= now) {
          const k = next++;
          const requestId = randomUUID();
          ids.set(requestId, k);
          const body = Buffer.from(write(requestId, users[k % users.length]!));
          sentAt[k] = performance.now();
          lags[k] = sentAt[k]! - (start + k * interval);
          counts.sent++;
          post(agent, options.port, '/notifications', options.apiKey, body, () => (connectionWaits[k] = performance.now() - sentAt[k]!)).then(
            (answer) => {
              if (answer.status === 202) {
                acceptedAt[k] = performance.now();
                counts.accepted++;
              } else errors.answer(answer);
            },
            (error: unknown) => errors.failure(error),
          ).finally(() => counts.answered++);
        }
        if (next >= total) return resolve();
        setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
    const sendSeconds = (performance.now() - (sentAt[0] ?? 0)) / 1000;
    loopDelay.disable();
    const waitUntil = performance.now() + options.waitSeconds * 1000;
    while ((counts.answered < counts.sent || counts.received < counts.accepted) && performance.now() < waitUntil) await sleep(50);
    const latencies: number[] = [];
    const accepts: number[] = [];
    for (let k = 0; k < counts.sent; k++) {
      if (!Number.isNaN(receivedAt[k]!)) latencies.push(receivedAt[k]! - sentAt[k]!);
      if (!Number.isNaN(acceptedAt[k]!)) accepts.push(acceptedAt[k]! - sentAt[k]!);
    }
    let missing = 0;
    for (let k = 0; k < counts.sent; k++) if (!Number.isNaN(acceptedAt[k]!) && Number.isNaN(receivedAt[k]!)) missing++;
    return {
      users: users.length,
      sent: counts.sent,
      accepted: counts.accepted,
      unanswered: counts.sent - counts.answered,
      received: counts.received,
      duplicates: counts.duplicates,
      missing,
      errors,
      latency: summarise(Float64Array.from(latencies)),
      acceptLatency: summarise(Float64Array.from(accepts)),
      sendLag: summarise(lags.subarray(0, counts.sent)),
      achievedRate: counts.sent / sendSeconds,
      client: { connectionWait: summarise(connectionWaits.subarray(0, counts.sent)), loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 },
    };
  } finally {
    agent.destroy();
    for (const s of sockets) s.terminate();
  }
}
