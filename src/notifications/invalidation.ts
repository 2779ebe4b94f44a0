import type { Logger } from 'pino';
import { connectRedis, readyWithin } from '../redis.ts';

/**
 * Tells every node that a cached thing changed (a user's preferences, a template key). In one
 * process the listeners are called directly; with Redis the change is also published to the
 * other nodes, which drop their copy. Changes published while Redis was away are lost, so when
 * the subscription comes back every `onReset` listener drops its whole cache.
 */
export interface InvalidationBus {
  publish(topic: string, key: string): void;
  on(topic: string, listener: (key: string) => void): void;
  /** Called when changes may have been missed: drop everything cached. */
  onReset(listener: () => void): void;
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createInvalidationBus(options: { redisUrl?: string; prefix: string; timeoutMs: number; log: Logger }): InvalidationBus {
  const listeners = new Map<string, ((key: string) => void)[]>();
  const resetListeners: (() => void)[] = [];
  const emit = (topic: string, key: string) => {
    for (const listener of listeners.get(topic) ?? []) listener(key);
  };
  const on = (topic: string, listener: (key: string) => void) => void listeners.set(topic, [...(listeners.get(topic) ?? []), listener]);
  const onReset = (listener: () => void) => void resetListeners.push(listener);
  if (!options.redisUrl) {
    return { publish: emit, on, onReset, ready: async () => {}, close: async () => {} };
  }
  const channel = `${options.prefix}:invalidate`;
  const common = { url: options.redisUrl, timeoutMs: options.timeoutMs, log: options.log };
  const pub = connectRedis({ ...common, role: 'invalidation publisher' });
  const sub = connectRedis({ ...common, role: 'invalidation subscriber', subscriber: true, onRecovered: () => resetListeners.forEach((l) => l()) });
  const subscribed = sub.subscribe(channel).catch(() => {});
  sub.on('message', (_channel: string, raw: string) => {
    const split = raw.indexOf('\n');
    if (split > 0) emit(raw.slice(0, split), raw.slice(split + 1));
  });
  return {
    publish(topic, key) {
      emit(topic, key);
      // While Redis is away this fails at once; the other nodes drop their caches when it is back.
      pub.publish(channel, `${topic}\n${key}`).catch(() => {});
    },
    on,
    onReset,
    async ready() {
      if (await readyWithin(sub, 2_000)) await subscribed;
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
