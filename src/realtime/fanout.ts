import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** An event for a set of users; `payload` is serialised once and sent as is. */
export interface Envelope {
  userIds: string[];
  payload: Record<string, unknown> & { type: string };
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
      deliver(envelope, JSON.stringify(envelope.payload));
    },
    ready: async () => {},
    close: async () => {},
  };
}

export function redisFanOut(redisUrl: string, prefix: string, deliver: Deliver, log: Logger): FanOut {
  const channel = `${prefix}:fanout`;
  const nodeId = randomUUID();
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const sub = new Redis(redisUrl, { lazyConnect: false });
  pub.on('error', (err) => log.warn({ err: err.message }, 'redis publisher error'));
  sub.on('error', (err) => log.warn({ err: err.message }, 'redis subscriber error'));
  const subscribed = sub.subscribe(channel);
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
      const json = JSON.stringify(envelope.payload);
      deliver(envelope, json);
      pub.publish(channel, `${nodeId}\n${JSON.stringify(envelope.userIds)}\n${json}`).catch((err: Error) => {
        log.warn({ err: err.message }, 'fan-out publish failed');
      });
    },
    async ready() {
      await subscribed;
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
