import type { Platform, Provider } from '../providers/types.ts';

/**
 * A circuit breaker per provider: after `threshold` failures in a row it opens and the provider
 * is passed over for `cooldownMs`; then one trial call is let through (half-open). A success
 * closes it. Breakers live in each process: nodes learn a provider is down independently.
 */
export class Breaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openUntil === 0) return 'closed';
    return Date.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a call may go to the provider now; in half-open, only the one trial may. */
  tryAcquire(now = Date.now()): boolean {
    if (this.openUntil === 0) return true;
    if (now < this.openUntil || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  reopensAt(): number {
    return this.openUntil;
  }

  /** Failures in a row since the last success. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  success(): void {
    this.failures = 0;
    this.openUntil = 0;
    this.trialInFlight = false;
  }

  failure(now = Date.now()): void {
    this.failures++;
    this.trialInFlight = false;
    if (this.failures >= this.threshold) this.openUntil = now + this.cooldownMs;
  }
}

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
}

/** A channel's providers in failover order, each behind its breaker. */
export class ProviderChain<P extends Provider> {
  private readonly breakers = new Map<P, Breaker>();

  constructor(
    readonly providers: P[],
    options: BreakerOptions,
  ) {
    for (const p of providers) this.breakers.set(p, new Breaker(options.threshold, options.cooldownMs));
  }

  /** The first provider (for `platform`, if given) whose breaker lets a call through, or when one next will. */
  pick(platform?: Platform): { provider: P; breaker: Breaker } | { provider: undefined; retryAt: number } {
    let retryAt = Number.POSITIVE_INFINITY;
    for (const provider of this.providers) {
      if (platform && !provider.platforms?.includes(platform)) continue;
      const breaker = this.breakers.get(provider) as Breaker;
      if (breaker.tryAcquire()) return { provider, breaker };
      retryAt = Math.min(retryAt, breaker.reopensAt());
    }
    return { provider: undefined, retryAt };
  }

  /** Each provider with its breaker, in failover order (for health reports; acquires nothing). */
  breakerStates(): { provider: P; state: Breaker['state']; consecutiveFailures: number; reopensAt: number }[] {
    return this.providers.map((provider) => {
      const breaker = this.breakers.get(provider) as Breaker;
      return { provider, state: breaker.state, consecutiveFailures: breaker.consecutiveFailures, reopensAt: breaker.reopensAt() };
    });
  }
}
