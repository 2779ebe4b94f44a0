/** A dependency taken away for a while, and where each request fell relative to that. */
import { setTimeout as sleep } from 'node:timers/promises';

export type Phase = 'before' | 'during' | 'after';

export class Outage {
  /** Epoch ms: when the stop was issued, and when the dependency accepted connections again. */
  down = 0;
  up = 0;

  constructor(readonly what: string) {}

  /** Stops, waits until `ms` after the stop was issued, starts again. */
  async run(stop: () => Promise<void>, start: () => Promise<void>, ms: number): Promise<void> {
    this.down = Date.now();
    await stop();
    await sleep(Math.max(0, this.down + ms - Date.now()));
    await start();
    this.up = Date.now();
  }

  phase(at: number): Phase {
    if (!this.down || at < this.down) return 'before';
    if (!this.up || at < this.up) return 'during';
    return 'after';
  }

  /** Items by the phase they were sent in. */
  split<T extends { sentAt: number }>(items: T[]): Record<Phase, T[]> {
    const out: Record<Phase, T[]> = { before: [], during: [], after: [] };
    for (const item of items) out[this.phase(item.sentAt)].push(item);
    return out;
  }

  describe(): string {
    return `${this.what} down ${((this.up - this.down) / 1000).toFixed(1)} s`;
  }
}

/**
 * How long after the dependency came back the service answered normally for good: from `up` to
 * the first success sent after the last failure (0 when nothing failed after `up`); undefined when
 * it never did.
 */
export function recoveredAfter<T extends { sentAt: number }>(items: T[], ok: (item: T) => boolean, up: number): number | undefined {
  const after = items.filter((i) => i.sentAt >= up).sort((a, b) => a.sentAt - b.sentAt);
  let lastFailure = -1;
  after.forEach((item, i) => {
    if (!ok(item)) lastFailure = i;
  });
  if (lastFailure === -1) return after.length ? 0 : undefined;
  const next = after[lastFailure + 1];
  return next ? next.sentAt - up : undefined;
}
