import { isIP } from 'node:net';
import { ConfigError, type Env, int, list } from '../env.ts';

/** The retry schedule: seconds after each failed attempt; after the last, the delivery has failed (about 17.6 hours of tries). */
export const DEFAULT_RETRY_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600];

export interface WebhookSettings {
  /** Seconds to wait after the 1st, 2nd... failed attempt (PARLEY_WEBHOOK_RETRY_SECONDS). */
  retrySeconds: number[];
  /** An endpoint failing (no success since its first failure) this long is disabled (PARLEY_WEBHOOK_DISABLE_AFTER_SECONDS). */
  disableAfterSeconds: number;
  /** Hosts (names, addresses or CIDR networks) that may be private all the same (PARLEY_WEBHOOK_ALLOW_HOSTS). */
  allowHosts: string[];
  /** Connect, headers and body timeout of each attempt (PARLEY_WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** How much of a receiver's answer is read (PARLEY_WEBHOOK_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** How often a worker looks for due deliveries (PARLEY_WEBHOOK_POLL_MS). */
  pollMs: number;
  /** How long the previous secret still signs after a rotation (PARLEY_WEBHOOK_ROTATION_OVERLAP_SECONDS). */
  rotationOverlapSeconds: number;
  /** Days events and their delivery logs are kept once nothing waits for them (PARLEY_WEBHOOK_LOG_DAYS). */
  logDays: number;
}

export function loadWebhookSettings(env: Env): WebhookSettings {
  const retry = list(env, 'PARLEY_WEBHOOK_RETRY_SECONDS');
  const retrySeconds = retry.length ? retry.map(Number) : DEFAULT_RETRY_SECONDS;
  if (retrySeconds.length > 20 || retrySeconds.some((s) => !Number.isInteger(s) || s < 1 || s > 86_400)) {
    throw new ConfigError('PARLEY_WEBHOOK_RETRY_SECONDS', 'expected up to 20 comma-separated whole numbers of seconds, each 1 to 86400');
  }
  const allowHosts = list(env, 'PARLEY_WEBHOOK_ALLOW_HOSTS');
  for (const entry of allowHosts) {
    const [net, prefix, extra] = entry.split('/');
    if (prefix === undefined && extra === undefined) continue;
    const family = isIP(net!);
    const max = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || !/^\d+$/.test(prefix!) || Number(prefix) > max) throw new ConfigError('PARLEY_WEBHOOK_ALLOW_HOSTS', `"${entry}" is not a host name, an address or a network like 10.0.0.0/8`);
  }
  return {
    retrySeconds,
    disableAfterSeconds: int(env, 'PARLEY_WEBHOOK_DISABLE_AFTER_SECONDS', 86_400, 1, 30 * 86_400),
    allowHosts,
    timeoutMs: int(env, 'PARLEY_WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    maxResponseBytes: int(env, 'PARLEY_WEBHOOK_MAX_RESPONSE_BYTES', 64 * 1024, 0, 10 * 1024 * 1024),
    pollMs: int(env, 'PARLEY_WEBHOOK_POLL_MS', 1000, 10, 60_000),
    rotationOverlapSeconds: int(env, 'PARLEY_WEBHOOK_ROTATION_OVERLAP_SECONDS', 86_400, 0, 7 * 86_400),
    logDays: int(env, 'PARLEY_WEBHOOK_LOG_DAYS', 30, 1, 3650),
  };
}

/**
 * When the next attempt is due after `attempts` failed ones: the schedule's delay, or the
 * receiver's Retry-After when it asks for longer (up to a day); null when the schedule is spent.
 */
export function nextAttemptAt(attempts: number, retrySeconds: readonly number[], retryAfterMs: number | undefined, now = Date.now()): Date | null {
  const delay = retrySeconds[attempts - 1];
  if (delay === undefined) return null;
  const wait = Math.max(delay * 1000, Math.min(retryAfterMs ?? 0, 86_400_000));
  return new Date(now + wait);
}
