/**
 * The campaign benchmark's transactional probe: users connected over /ws, and a steady stream of
 * single POST /notifications (transactional, in-app) to them, round robin, for as long as the
 * benchmark runs. Each request's send time is matched with the notification.created frame its
 * recipient receives (by requestId), so the latency of any stretch of the run (idle, while a
 * campaign expands, while it sends) is read afterwards from the same stream.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { openSockets } from './notify-load.ts';
import { type Summary, summarise } from './stats.ts';

export interface Probe {
  /** A request of the stream: when it was sent (performance.now()), its latency to the socket (NaN: not received), its answer. */
  readonly samples: ReadonlyArray<{ at: number; latency: number; status: number }>;
  /** Stops sending; waits up to `waitMs` for what is still on its way, then closes the sockets. */
  stop(waitMs: number): Promise<void>;
}

export interface Window {
  name: string;
  from: number;
  to: number;
}

export interface WindowLatency {
  name: string;
  seconds: number;
  sent: number;
  received: number;
  /** Answered 202 but never received on the socket. */
  missing: number;
  errors: number;
  latency: Summary;
}

/** Starts the stream: `rate` requests a second spread over the users' sockets. */
export async function startProbe(options: { port: number; apiKey: string; tokens: Map<string, string>; rate: number }): Promise<Probe> {
  const users = [...options.tokens.keys()];
  const samples: { at: number; latency: number; status: number }[] = [];
  const byRequest = new Map<string, number>();
  const sockets: WebSocket[] = await openSockets(options.port, options.tokens, (data) => {
    const now = performance.now();
    const at = data.indexOf('"requestId":"');
    const index = at < 0 ? undefined : byRequest.get(data.toString('latin1', at + 13, at + 49));
    if (index === undefined) return;
    const s = samples[index]!;
    if (Number.isNaN(s.latency)) s.latency = now - s.at;
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const interval = 1000 / options.rate;
  const start = performance.now();
  let next = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const send = (k: number) => {
    const requestId = randomUUID();
    const body = Buffer.from(
      JSON.stringify({
        requestId,
        notificationType: 'transactional',
        channels: ['in-app'],
        recipient: { userId: users[k % users.length] },
        message: { subject: 'Your order has shipped', body: 'Order 48213 left the warehouse this morning; the carrier expects to deliver it on Thursday.' },
      }),
    );
    const index = samples.push({ at: performance.now(), latency: Number.NaN, status: 0 }) - 1;
    byRequest.set(requestId, index);
    const req = request(
      { agent, host: '127.0.0.1', port: options.port, path: '/notifications', method: 'POST', timeout: 60_000, headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => (samples[index]!.status = res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => (samples[index]!.status = -1));
    req.end(body);
  };
  const tick = () => {
    const now = performance.now();
    while (!stopped && start + next * interval <= now) send(next++);
    if (!stopped) timer = setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
  };
  tick();
  return {
    samples,
    async stop(waitMs) {
      stopped = true;
      clearTimeout(timer);
      const until = performance.now() + waitMs;
      while (performance.now() < until && samples.some((s) => s.status === 0 || (s.status === 202 && Number.isNaN(s.latency)))) await new Promise((r) => setTimeout(r, 100));
      agent.destroy();
      for (const s of sockets) s.terminate();
    },
  };
}

/** The stream's figures for the requests sent within a window (performance.now() times). */
export function windowLatency(probe: Probe, w: Window): WindowLatency {
  const inside = probe.samples.filter((s) => s.at >= w.from && s.at < w.to);
  const received = inside.filter((s) => !Number.isNaN(s.latency));
  return {
    name: w.name,
    seconds: (w.to - w.from) / 1000,
    sent: inside.length,
    received: received.length,
    missing: inside.filter((s) => s.status === 202 && Number.isNaN(s.latency)).length,
    errors: inside.filter((s) => s.status !== 202).length,
    latency: summarise(Float64Array.from(received.map((s) => s.latency))),
  };
}
