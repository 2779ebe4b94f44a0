import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ParleyError } from './errors.ts';

export interface RateLimit {
  /** Takes one unit for `key`, or throws 429 `rate_limited` with the seconds to wait. */
  consume(key: string): Promise<void>;
  /** Gives back a unit taken by `consume` for something that turned out not to count (a repeated send). */
  refund(key: string): Promise<void>;
}

/** A fixed-window limit per key: in memory on one node, shared through Redis across nodes. */
export function createRateLimit(options: { name: string; points: number; durationSeconds: number; redis?: Redis; prefix: string; what: string }): RateLimit {
  const common = { keyPrefix: `${options.prefix}:rl:${options.name}`, points: options.points, duration: options.durationSeconds };
  const limiter = options.redis
    ? new RateLimiterRedis({ ...common, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(common) })
    : new RateLimiterMemory(common);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new ParleyError(
          'rate_limited',
          'rate_limited',
          `Too many ${options.what}: at most ${options.points} per ${options.durationSeconds} s. Try again in ${retryAfter} s.`,
          { retryAfterSeconds: retryAfter },
        );
      }
    },
    async refund(key) {
      await limiter.reward(key, 1);
    },
  };
}
