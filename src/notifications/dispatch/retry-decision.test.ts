import { describe, expect, it } from 'vitest';
import { BREAKER_RECHECK_MS, decideRetry, postponeUntil } from './retry-decision.ts';

const policy = { retryBaseMs: 2_000, retryMaxMs: 60_000 };
const now = Date.parse('2026-03-01T12:00:00Z');
const low = () => 0;
const high = () => 0.999999;

describe('the retry decision', () => {
  it('dead-letters once the attempts exceed the retries allowed, and not before', () => {
    expect(decideRetry({ attempts: 4, maxRetries: 3 }, policy, now, low)).toEqual({ kind: 'dead' });
    expect(decideRetry({ attempts: 3, maxRetries: 3 }, policy, now, low).kind).toBe('retry');
    expect(decideRetry({ attempts: 1, maxRetries: 0 }, policy, now, low)).toEqual({ kind: 'dead' });
  });

  it('backs off exponentially, with jitter between half and all of the step', () => {
    const wait = (attempts: number, random: () => number) => {
      const decision = decideRetry({ attempts, maxRetries: 10 }, policy, now, random);
      if (decision.kind !== 'retry') throw new Error('expected a retry');
      return decision.dueAt.getTime() - now;
    };
    expect(wait(1, low)).toBe(1_000);
    expect(wait(1, high)).toBeCloseTo(2_000, -1);
    expect(wait(2, low)).toBe(2_000);
    expect(wait(3, low)).toBe(4_000);
    expect(wait(3, high)).toBeLessThanOrEqual(8_000);
  });

  it('caps the step at the maximum', () => {
    const decision = decideRetry({ attempts: 9, maxRetries: 10 }, policy, now, high);
    expect(decision.kind).toBe('retry');
    if (decision.kind === 'retry') {
      expect(decision.dueAt.getTime() - now).toBeLessThanOrEqual(60_000);
      expect(decision.dueAt.getTime() - now).toBeGreaterThanOrEqual(30_000);
    }
  });

  it("never retries before the provider's Retry-After", () => {
    const decision = decideRetry({ attempts: 1, maxRetries: 3, retryAfterMs: 45_000 }, policy, now, low);
    expect(decision).toEqual({ kind: 'retry', dueAt: new Date(now + 45_000) });
    // A Retry-After shorter than the backoff does not shorten it.
    const shorter = decideRetry({ attempts: 3, maxRetries: 3, retryAfterMs: 10 }, policy, now, low);
    expect(shorter).toEqual({ kind: 'retry', dueAt: new Date(now + 4_000) });
  });
});

describe('postponing behind an open breaker', () => {
  it('waits for the breaker to reopen, spread over the recheck interval', () => {
    const reopens = now + 30_000;
    expect(postponeUntil(reopens, now, low).getTime()).toBe(reopens);
    expect(postponeUntil(reopens, now, high).getTime()).toBeLessThan(reopens + BREAKER_RECHECK_MS);
  });

  it('waits at least the recheck interval when the breaker may already reopen', () => {
    expect(postponeUntil(now - 5_000, now, low).getTime()).toBe(now + BREAKER_RECHECK_MS);
  });
});
