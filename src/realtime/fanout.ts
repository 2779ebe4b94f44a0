import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { connectRedis, readyWithin } from '../redis.ts';

/** An event for a set of users; `payload` is serialised once (or given as `json`, its text) and sent as is. */
export interface Envelope {
  userIds: string[];
  payload: Record<string, unknown> & { type: string };
  /** `payload` already serialised, when the publisher has its text (built from parts serialised once). */
  json?: string;
}

export type Deliver = (envelope: Envelope, json: string) => void;

/**
 * Carries committed events to every node's sockets. In one process it calls the local
 * hub directly; with Redis it also publishes on one channel that every node subscribes to.
 */
export interface FanOut {
  readonly nodeId: string;
  publish(envelope: Envelope): void;
  /** Resolves once the subscription is live (Redis) or at once (local). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function localFanOut(deliver: Deliver): FanOut {
  return {
    nodeId: randomUUID(),
    publish(envelope) {
      deliver(envelope, envelope.json ?? JSON.stringify(envelope.payload));
    },
    ready: async () => {},
    close: async () => {},
  };
}

/**
 * Fan-out through Redis. While Redis is away each node still delivers to its own sockets (a
 * publish that fails is not retried); when the subscription comes back, `restored` is called so
 * the node can tell its sockets to resume from their cursors and fetch what other nodes sent.
 */
export function redisFanOut(options: { url: string; prefix: string; timeoutMs: number; deliver: Deliver; restored: () => void; log: Logger }): FanOut {
  const { deliver, log } = options;
  const channel = `${options.prefix}:fanout`;
  const nodeId = randomUUID();
  const pub = connectRedis({ url: options.url, role: 'fan-out publisher', timeoutMs: options.timeoutMs, log });
  const sub = connectRedis({ url: options.url, role: 'fan-out subscriber', timeoutMs: options.timeoutMs, log, subscriber: true, onRecovered: options.restored });
  const subscribed = sub.subscribe(channel).catch(() => {});
  sub.on('message', (_channel: string, raw: string) => {
    // Frame: <nodeId>\n<json users>\n<json payload>; own messages were delivered locally already.
    const first = raw.indexOf('\n');
    if (raw.slice(0, first) === nodeId) return;
    const second = raw.indexOf('\n', first + 1);
    try {
      const userIds = JSON.parse(raw.slice(first + 1, second)) as string[];
      const json = raw.slice(second + 1);
      deliver({ userIds, payload: JSON.parse(json) }, json);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'dropped malformed fan-out frame');
    }
  });
  return {
    nodeId,
    publish(envelope) {
      const json = envelope.json ?? JSON.stringify(envelope.payload);
      deliver(envelope, json);
      // While Redis is away this fails at once; other nodes' sockets catch up when it is back.
      pub.publish(channel, `${nodeId}\n${JSON.stringify(envelope.userIds)}\n${json}`).catch(() => {});
    },
    async ready() {
      // Start-up does not wait for a Redis that is away: the node serves its own sockets meanwhile.
      if (await readyWithin(sub, 2_000)) await subscribed;
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
