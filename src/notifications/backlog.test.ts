import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import { DEFAULT_ROUTING } from './accept.ts';
import { MEDIUM_HEADROOM, createBacklog } from './backlog.ts';
import type { NotificationRequest } from './model.ts';

/** The queue as the backlog sees it: a depth, two running totals and a clock, moved by hand. */
function queue(settings: { maxSeconds?: number; maxRows?: number }) {
  // urgent: of due and sending, those above low priority (the test sets it where it matters).
  const q = { at: 0, due: 0, sending: 0, urgent: 0, accepted: 0, finished: 0 };
  const backlog = createBacklog({
    settings: { maxSeconds: settings.maxSeconds ?? 0, maxRows: settings.maxRows ?? 0, sampleMs: 1_000, windowMs: 30_000 },
    routing: DEFAULT_ROUTING,
    depth: async () => ({ due: q.due, sending: q.sending, urgent: q.urgent }),
    accepted: () => q.accepted,
    finished: () => q.finished,
    log: pino({ level: 'silent' }),
    now: () => q.at,
  });
  return { q, backlog };
}

const request = (notificationType: NotificationRequest['notificationType'], priority?: 'low' | 'medium' | 'high') =>
  ({ notificationType, ...(priority ? { metadata: { priority } } : {}) }) as NotificationRequest;

function refusal(run: () => void): ParleyError | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    return err as ParleyError;
  }
}

describe('the notification backlog', () => {
  it('measures the drain rate from what was accepted and how the depth moved', async () => {
    const { q, backlog } = queue({ maxSeconds: 60 });
    q.due = 10_000;
    await backlog.sample();
    expect(backlog.state()).toMatchObject({ depth: 10_000, drainRate: undefined });
    // 10 s: 30,000 accepted here, the depth grew by 10,000: 20,000 left the queue, 2,000 a second.
    q.at = 10_000;
    q.accepted = 30_000;
    q.due = 20_000;
    await backlog.sample();
    expect(backlog.state()).toMatchObject({ depth: 20_000, drainRate: 2_000, seconds: 10 });
  });

  it("takes the dispatcher's own count when it shows more drained (other processes accept too)", async () => {
    const { q, backlog } = queue({ maxSeconds: 60 });
    await backlog.sample();
    q.at = 5_000;
    q.finished = 15_000;
    q.due = 1_000;
    await backlog.sample();
    expect(backlog.state()?.drainRate).toBe(3_000);
  });

  it('refuses low priority past the limit in seconds, medium only past its headroom, high never', async () => {
    const { q, backlog } = queue({ maxSeconds: 10 });
    await backlog.sample();
    // Draining 1,000 a second; 15,000 waiting: 15 s of work.
    q.at = 10_000;
    q.finished = 10_000;
    q.due = 15_000;
    await backlog.sample();
    const low = refusal(() => backlog.check([request('promotional')]));
    expect(low).toBeInstanceOf(ParleyError);
    expect(low).toMatchObject({ status: 429, code: 'queue_backlog', details: { priority: 'low', queueDepth: 15_000, drainRate: 1_000 } });
    // 5 s over the limit at 1,000 a second: come back in 5 s.
    expect(low!.details!.retryAfterSeconds).toBe(5);
    expect(refusal(() => backlog.check([request('transactional')]))).toBeUndefined();
    expect(refusal(() => backlog.check([request('systemAlert')]))).toBeUndefined();
    // A batch goes by its lowest priority; a request's own priority outranks its type's.
    expect(refusal(() => backlog.check([request('systemAlert'), request('promotional')]))).toMatchObject({ code: 'queue_backlog' });
    expect(refusal(() => backlog.check([request('promotional', 'medium')]))).toBeUndefined();

    q.at = 20_000;
    q.finished = 20_000;
    q.due = 10 * MEDIUM_HEADROOM * 1_000 + 1_000;
    await backlog.sample();
    // All of it promotional: promotions are refused, transactional notifications are not (they go first).
    expect(refusal(() => backlog.check([request('promotional')]))).toMatchObject({ code: 'queue_backlog', details: { priority: 'low' } });
    expect(refusal(() => backlog.check([request('transactional')]))).toBeUndefined();
    // Past its headroom of medium- and high-priority work, medium is refused too.
    q.urgent = q.due;
    await backlog.sample();
    expect(refusal(() => backlog.check([request('transactional')]))).toMatchObject({ code: 'queue_backlog', details: { priority: 'medium' } });
    expect(refusal(() => backlog.check([request('systemAlert')]))).toBeUndefined();
  });

  it('refuses past the row limit, counting deliveries being sent, and caps Retry-After at a minute', async () => {
    const { q, backlog } = queue({ maxRows: 100 });
    q.due = 60;
    q.sending = 40;
    await backlog.sample();
    expect(refusal(() => backlog.check([request('promotional')]))).toBeUndefined();
    q.sending = 41;
    await backlog.sample();
    // No drain measured yet (one sample): the floor rate (10 a second) sets Retry-After.
    expect(refusal(() => backlog.check([request('promotional')]))?.details?.retryAfterSeconds).toBe(1);
    q.due = 1_000_000;
    await backlog.sample();
    expect(refusal(() => backlog.check([request('promotional')]))?.details?.retryAfterSeconds).toBe(60);
  });

  it('applies the limit in seconds only once a drain rate is measured, at the floor rate when the queue does not move', async () => {
    const { q, backlog } = queue({ maxSeconds: 10 });
    q.due = 50_000;
    q.urgent = 50_000;
    await backlog.sample();
    expect(refusal(() => backlog.check([request('promotional')]))).toBeUndefined();
    q.at = 1_000;
    await backlog.sample();
    // Nothing drained in a second: 50,000 at 10 a second.
    expect(refusal(() => backlog.check([request('promotional')]))).toMatchObject({ code: 'queue_backlog', details: { drainRate: 0 } });
    expect(refusal(() => backlog.check([request('transactional')]))).toMatchObject({ code: 'queue_backlog', details: { priority: 'medium' } });
  });

  it('lets everything through without a limit, before the first sample, and when the last one is stale', async () => {
    const off = queue({});
    off.q.due = 1e9;
    await off.backlog.sample();
    expect(off.backlog.enabled).toBe(false);
    expect(refusal(() => off.backlog.check([request('promotional')]))).toBeUndefined();

    const { q, backlog } = queue({ maxRows: 10 });
    q.due = 1_000;
    expect(refusal(() => backlog.check([request('promotional')]))).toBeUndefined();
    await backlog.sample();
    expect(refusal(() => backlog.check([request('promotional')]))).toBeDefined();
    q.at = 60_000;
    expect(refusal(() => backlog.check([request('promotional')]))).toBeUndefined();
  });
});
