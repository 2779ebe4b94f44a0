import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import type { Pair } from './seed.ts';

// Frames are told apart by their first bytes, so most (receipts, unread counts) are never decoded.
const readyPrefix = Buffer.from('{"type":"ready"');
const createdPrefix = Buffer.from('{"type":"message.created"');
const ackPrefix = Buffer.from('{"type":"message.ack"');
const errorPrefix = Buffer.from('{"type":"error"');
const startsWith = (data: Buffer, prefix: Buffer) => data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** One simulated user's socket. */
interface Client {
  userId: string;
  /** The pair's index in the whole load. */
  pair: number;
  conversationId: string;
  socket: WebSocket;
  /** How this user appears as a sender in a frame: its own messages come back to it too. */
  asSender: Buffer;
}

/** Where the sockets connect, in a form a worker thread can be given. */
export type EndpointSpec = { kind: 'parley'; port: number; tokens: Record<string, string> } | { kind: 'relay'; port: number };

export function endpointFor(spec: EndpointSpec): Endpoint {
  if (spec.kind === 'relay') return { url: (userId, peerId) => `ws://127.0.0.1:${spec.port}/?user=${userId}&peer=${peerId}`, headers: () => ({}) };
  return { url: () => `ws://127.0.0.1:${spec.port}/ws`, headers: (userId) => ({ authorization: `Bearer ${spec.tokens[userId]}` }) };
}

/** Where and how a user's socket connects. */
export interface Endpoint {
  url(userId: string, peerId: string): string;
  headers(userId: string): Record<string, string>;
}

export interface Clients {
  /** A pair's buyer, then its seller, pair after pair. */
  readonly all: Client[];
  /** Every socket's incoming frames go to this handler (replaced for each run). */
  onFrame: (client: Client, data: Buffer) => void;
  close(): Promise<void>;
}

/**
 * Opens one socket per user, `batch` at a time, each done when the server's
 * `{"type":"ready"...}` frame arrives. Fails if any socket cannot open.
 */
export async function openClients(pairs: Pair[], endpoint: Endpoint, batch = 500, timeoutMs = 60_000): Promise<Clients> {
  const clients: Clients = {
    all: [],
    onFrame: () => {},
    async close() {
      const closed = clients.all.map(
        (c) => new Promise<void>((resolve) => (c.socket.readyState === WebSocket.CLOSED ? resolve() : c.socket.once('close', () => resolve()))),
      );
      for (const c of clients.all) c.socket.terminate();
      await Promise.race([Promise.all(closed), sleep(10_000)]);
    },
  };
  const users = pairs.flatMap((p) => [
    { userId: p.buyer, peerId: p.seller, pair: p.index, conversationId: p.conversationId },
    { userId: p.seller, peerId: p.buyer, pair: p.index, conversationId: p.conversationId },
  ]);
  try {
    for (let from = 0; from < users.length; from += batch) {
      const opened = await Promise.all(users.slice(from, from + batch).map((u) => openOne(u, endpoint, clients, timeoutMs)));
      clients.all.push(...opened);
    }
  } catch (error) {
    await clients.close();
    throw error;
  }
  return clients;
}

function openOne(
  { userId, peerId, pair, conversationId }: { userId: string; peerId: string; pair: number; conversationId: string },
  endpoint: Endpoint,
  clients: Clients,
  timeoutMs: number,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(endpoint.url(userId, peerId), { headers: endpoint.headers(userId), perMessageDeflate: false });
    const client: Client = { userId, pair, conversationId, socket, asSender: Buffer.from(`"senderId":${JSON.stringify(userId)}`) };
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`socket of ${userId} not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`socket of ${userId} failed to open: ${error.message}`));
    };
    socket.once('error', fail);
    socket.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    let ready = false;
    socket.on('message', (data: Buffer) => {
      if (ready) return clients.onFrame(client, data);
      if (!startsWith(data, readyPrefix)) return;
      ready = true;
      clearTimeout(timer);
      socket.off('error', fail);
      socket.on('error', () => {}); // counted as lost messages, not thrown
      resolve(client);
    });
  });
}

export interface RunOptions {
  /** Messages per second, all senders together. */
  rate: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** How long to wait for the last messages after the last send. */
  drainSeconds: number;
}

/** Which messages of the schedule this thread sends and receives: those of its own pairs. */
export interface Share {
  /** The schedule's time zero, as performance.timeOrigin + performance.now() (the same clock in every thread). */
  startAt: number;
  thread: number;
  threads: number;
  /** Pairs in the whole load (the schedule rotates over all of them). */
  pairs: number;
}

/** What one thread measured; merged over threads into a RunResult (generator.ts). */
export interface ShareResult {
  sent: number;
  measuredSent: number;
  received: number;
  duplicates: number;
  acked: number;
  ackedCreated: number;
  errors: number;
  errorCodes: Record<string, number>;
  latencies: Float64Array;
  ackLatencies: Float64Array;
  lags: Float64Array;
  gc: { count: number; total: number; max: number };
  /** When the last send went out, on the shared clock. */
  sendEnd: number;
}

/**
 * Open-loop load: message k is due at start + k/rate, whatever happened to earlier ones;
 * acks are not awaited. Senders rotate over the pairs (pair k mod n, alternating buyer and
 * seller), so every user sends at the same rate. The content carries k and the scheduled
 * time, and latency is counted from the schedule, so a late send counts against the result.
 * A pair's two users are in the same thread, so each latency is read on one clock.
 */
export async function runShare(clients: Clients, options: RunOptions, share: Share): Promise<ShareResult> {
  const total = Math.round((options.warmupSeconds + options.durationSeconds) * options.rate);
  const warmup = Math.round(options.warmupSeconds * options.rate);
  const interval = 1000 / options.rate;
  const start = share.startAt - performance.timeOrigin;
  const dueAt = (k: number) => start + k * interval;
  const mine = (k: number) => (k % share.pairs) % share.threads === share.thread;
  // This thread's clients, by pair index of the whole load.
  const byPair = new Map<number, [Client, Client]>();
  for (let i = 0; i < clients.all.length; i += 2) byPair.set(clients.all[i]!.pair, [clients.all[i]!, clients.all[i + 1]!]);
  let measuredSent = 0;
  for (let k = warmup; k < total; k++) if (mine(k)) measuredSent++;
  const latencies = new Float64Array(measuredSent);
  const ackLatencies = new Float64Array(measuredSent);
  const lags = new Float64Array(measuredSent);
  let measuredReceived = 0;
  let measuredAcks = 0;
  let measuredLags = 0;
  const seen = new Uint8Array(total);
  const result = { sent: 0, received: 0, duplicates: 0, acked: 0, ackedCreated: 0, errors: 0, errorCodes: {} as Record<string, number> };

  clients.onFrame = (client, data) => {
    if (startsWith(data, createdPrefix)) {
      const now = performance.now();
      if (data.includes(client.asSender)) return; // the sender's own copy
      const { message } = JSON.parse(data.toString()) as { message: { senderId: string; content: string } };
      const [, k, due] = message.content.split(' ');
      const index = Number(k);
      if (seen[index]) {
        result.duplicates++;
        return;
      }
      seen[index] = 1;
      result.received++;
      if (index >= warmup) latencies[measuredReceived++] = now - (Number(due) / 1000 - performance.timeOrigin);
    } else if (startsWith(data, ackPrefix)) {
      result.acked++;
      // {"type":"message.ack","clientMessageId":"bench-<k>","created":true,...
      const text = data.toString('utf8', 0, 128);
      const from = text.indexOf('"bench-') + 7;
      const index = Number(text.slice(from, text.indexOf('"', from)));
      if (index >= warmup) ackLatencies[measuredAcks++] = performance.now() - dueAt(index);
      if (text.includes('"created":true')) result.ackedCreated++;
    } else if (startsWith(data, errorPrefix)) {
      result.errors++;
      const code = (JSON.parse(data.toString()) as { code: string }).code;
      result.errorCodes[code] = (result.errorCodes[code] ?? 0) + 1;
    }
  };

  const send = (k: number, due: number) => {
    const client = byPair.get(k % share.pairs)![Math.floor(k / share.pairs) % 2]!;
    if (client.socket.readyState !== WebSocket.OPEN) return;
    // The content is ordinary words for the search index: "bench <k> <due on the shared clock, µs>".
    const content = `bench ${k} ${Math.round((performance.timeOrigin + due) * 1000)}`;
    client.socket.send(JSON.stringify({ type: 'message.send', conversationId: client.conversationId, clientMessageId: `bench-${k}`, content }));
    result.sent++;
    if (k >= warmup) lags[measuredLags++] = performance.now() - due;
  };

  const gc = { count: 0, total: 0, max: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.total += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  let next = 0;
  const skipOthers = () => {
    while (next < total && !mine(next)) next++;
  };
  skipOthers();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && dueAt(next) <= now) {
        send(next, dueAt(next));
        next++;
        skipOthers();
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, dueAt(next) - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const sendEnd = performance.timeOrigin + performance.now();

  const drainUntil = performance.now() + options.drainSeconds * 1000;
  while (result.received < result.sent && performance.now() < drainUntil) await sleep(50);
  clients.onFrame = () => {};
  gcObserver.disconnect();

  return {
    ...result,
    measuredSent,
    latencies: latencies.subarray(0, measuredReceived),
    ackLatencies: ackLatencies.subarray(0, measuredAcks),
    lags: lags.subarray(0, measuredLags),
    gc,
    sendEnd,
  };
}
