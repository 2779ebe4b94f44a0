import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Tells every node that a cached thing changed (a user's preferences, a template key). In one
 * process the listeners are called directly; with Redis the change is also published to the
 * other nodes, which drop their copy.
 */
export interface InvalidationBus {
  publish(topic: string, key: string): void;
  on(topic: string, listener: (key: string) => void): void;
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createInvalidationBus(redisUrl: string | undefined, prefix: string, log: Logger): InvalidationBus {
  const listeners = new Map<string, ((key: string) => void)[]>();
  const emit = (topic: string, key: string) => {
    for (const listener of listeners.get(topic) ?? []) listener(key);
  };
  if (!redisUrl) {
    return { publish: emit, on: (t, l) => void listeners.set(t, [...(listeners.get(t) ?? []), l]), ready: async () => {}, close: async () => {} };
  }
  const channel = `${prefix}:invalidate`;
  const pub = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const sub = new Redis(redisUrl);
  pub.on('error', (err) => log.warn({ err: err.message }, 'redis invalidation publisher error'));
  sub.on('error', (err) => log.warn({ err: err.message }, 'redis invalidation subscriber error'));
  const subscribed = sub.subscribe(channel);
  sub.on('message', (_channel: string, raw: string) => {
    const split = raw.indexOf('\n');
    if (split > 0) emit(raw.slice(0, split), raw.slice(split + 1));
  });
  return {
    publish(topic, key) {
      emit(topic, key);
      pub.publish(channel, `${topic}\n${key}`).catch((err: Error) => log.warn({ err: err.message }, 'invalidation publish failed'));
    },
    on: (t, l) => void listeners.set(t, [...(listeners.get(t) ?? []), l]),
    ready: async () => void (await subscribed),
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
