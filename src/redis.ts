import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Redis is an accelerator, never something a request waits for: a command fails at once while
 * the connection is down (no offline queue) and after `timeoutMs` when Redis hangs, and the
 * caller falls back to what this node can do alone. The connection comes back by itself; its
 * loss and return are logged once per outage.
 */
export interface RedisOptions {
  url: string;
  /** What this connection is for, in the log ("commands", "fan-out subscriber", ...). */
  role: string;
  timeoutMs: number;
  log: Logger;
  /** Subscribers queue their SUBSCRIBE until connected (and ioredis renews it after a reconnect). */
  subscriber?: boolean;
  /** Called whenever the connection is ready again after it was lost (not at the first connect). */
  onRecovered?: () => void;
}

export function connectRedis(options: RedisOptions): Redis {
  const redis = new Redis(options.url, {
    enableOfflineQueue: options.subscriber === true,
    maxRetriesPerRequest: options.subscriber ? null : 0,
    commandTimeout: options.subscriber ? undefined : options.timeoutMs,
    connectTimeout: 2_000,
    // Reconnect for ever, backing off to one try every 2 s.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
  });
  let downSince: number | undefined;
  let connectedOnce = false;
  redis.on('error', (err: Error) => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    options.log.warn({ err: err.message, redis: options.role }, 'redis unreachable: this node works on its own until it is back');
  });
  redis.on('ready', () => {
    if (downSince !== undefined) options.log.info({ redis: options.role, outageSeconds: (Date.now() - downSince) / 1000 }, 'redis reachable again');
    downSince = undefined;
    if (connectedOnce) options.onRecovered?.();
    connectedOnce = true;
  });
  return redis;
}

/** Waits for a connection to be ready, at most `ms`: start-up goes on without Redis if it is away. */
export async function readyWithin(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
