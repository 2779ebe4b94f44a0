/**
 * When a delivery is tried again: the one decision the dispatcher makes after a failed or
 * impossible attempt, kept free of the database and the clock so that it can be tested alone.
 */

export interface RetryPolicy {
  /** The first retry waits about this long (PARLEY_RETRY_BASE_MS); each next one twice as long. */
  retryBaseMs: number;
  /** No wait is longer than this (PARLEY_RETRY_MAX_MS). */
  retryMaxMs: number;
}

/** A delivery postponed by a breaker is due again this long after it may reopen (plus up to as much again, spread). */
export const BREAKER_RECHECK_MS = 250;

export type RetryDecision = { kind: 'dead' } | { kind: 'retry'; dueAt: Date };

/**
 * After a retryable failure of attempt number `attempts` (counted from 1): the dead-letter
 * queue once the attempts exceed `maxRetries`, else the next attempt, after an exponential
 * backoff with jitter (half to all of base × 2^(attempts − 1), capped at the maximum), and never
 * before the provider's Retry-After.
 */
export function decideRetry(
  input: { attempts: number; maxRetries: number; retryAfterMs?: number },
  policy: RetryPolicy,
  now: number,
  random: () => number = Math.random,
): RetryDecision {
  if (input.attempts > input.maxRetries) return { kind: 'dead' };
  const exponential = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** (input.attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const delay = Math.max(jittered, input.retryAfterMs ?? 0);
  return { kind: 'retry', dueAt: new Date(now + delay) };
}

/**
 * A delivery that found every provider of its channel behind an open breaker waits until one
 * may be tried again (`reopensAt`, epoch ms), at least BREAKER_RECHECK_MS from now; the
 * deliveries waiting on one breaker are spread over BREAKER_RECHECK_MS after that. The wait is
 * not an attempt.
 */
export function postponeUntil(reopensAt: number, now: number, random: () => number = Math.random): Date {
  return new Date(Math.max(reopensAt, now + BREAKER_RECHECK_MS) + random() * BREAKER_RECHECK_MS);
}
