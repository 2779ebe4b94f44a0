import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { ErrorBody } from '../http/contract.ts';
import { ParleyError } from '../errors.ts';
import type { RoutingTable } from './accept.ts';
import type { NotificationRequest } from './model.ts';

/**
 * Back-pressure on producers: past a configured backlog, POST /notifications and
 * /notifications/batch answer 429 queue_backlog with Retry-After instead of growing the queue
 * without bound.
 *
 * The backlog is the queue's depth in the database (due now or being sent, so every API process
 * sees the same), sampled about once a second (less often when counting takes long) rather than
 * counted per request. Its drain rate is
 * measured over a moving window of those samples: what left the queue is what this process
 * accepted minus what the depth grew by, or what this process's dispatcher finished, whichever is
 * more. Both are lower bounds of the true rate (other processes accept and dispatch too), so the
 * backlog in seconds errs towards refusing early.
 *
 * The claim takes the highest priority first, so a backlog delays low-priority work and not the
 * rest. A limit therefore refuses low-priority notifications (promotional, by default) when the
 * whole queue passes it, medium-priority ones (transactional) only when the work ahead of them
 * (medium and high priority) passes `MEDIUM_HEADROOM` times it, and never high-priority ones
 * (system alerts): however deep a promotional backlog, transactional notifications and system
 * alerts keep flowing. Notifications that are part of another
 * write (an order event) are never refused: the order is the caller's and already happened.
 */

/** How far past the limit medium-priority notifications are still accepted. */
export const MEDIUM_HEADROOM = 4;
/** The least drain rate assumed (a queue that does not move, no worker): deliveries a second. */
const FLOOR_RATE = 10;
const MIN_RETRY_AFTER_SECONDS = 1;
const MAX_RETRY_AFTER_SECONDS = 60;
/** A sample older than this is no evidence of a backlog (the database is unreachable): requests pass. */
const STALE_AFTER_MS = 10_000;

export interface BacklogSettings {
  /** Seconds of work at the measured drain rate; 0: no limit. */
  maxSeconds: number;
  /** Deliveries due or being sent; 0: no limit. */
  maxRows: number;
  /** How often the depth is sampled. */
  sampleMs: number;
  /** The window the drain rate is measured over. */
  windowMs: number;
}

interface Sample {
  at: number;
  /** Deliveries due now or being sent. */
  depth: number;
  /** Of those, above low priority: what a medium-priority notification waits behind. */
  urgent: number;
  /** Deliveries this process accepted, ever (a running total). */
  accepted: number;
  /** Deliveries this process's dispatcher finished, ever (a running total). */
  finished: number;
}

export type Priority = 'low' | 'medium' | 'high';

export interface BacklogState {
  depth: number;
  /** Due or being sent above low priority. */
  urgent: number;
  /** Deliveries a second leaving the queue, as measured; undefined until two samples. */
  drainRate: number | undefined;
  /** The depth over the drain rate (at least the floor rate). */
  seconds: number;
}

export function createBacklog({
  settings,
  routing,
  depth,
  accepted,
  finished,
  log,
  now = Date.now,
}: {
  settings: BacklogSettings;
  routing: RoutingTable;
  /** The queue's depth in the database: due now and being sent. */
  depth: () => Promise<{ due: number; sending: number; urgent: number }>;
  /** Deliveries this process accepted so far. */
  accepted: () => number | Promise<number>;
  /** Deliveries this process's dispatcher finished so far (sent, skipped or dead). */
  finished: () => number | Promise<number>;
  log: Logger;
  now?: () => number;
}) {
  const enabled = settings.maxSeconds > 0 || settings.maxRows > 0;
  const samples: Sample[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let failing = false;
  let sampling: Promise<void> | undefined;

  async function sample(): Promise<void> {
    sampling ??= (async () => {
      try {
        const [d, a, f] = await Promise.all([depth(), accepted(), finished()]);
        samples.push({ at: now(), depth: d.due + d.sending, urgent: d.urgent, accepted: a, finished: f });
        failing = false;
        const oldest = now() - settings.windowMs;
        while (samples.length > 2 && samples[0]!.at < oldest) samples.shift();
      } catch (err) {
        // Once per outage: meanwhile the samples go stale and requests pass.
        if (!failing) log.warn({ err: (err as Error).message }, 'sampling the notification queue depth failed; accepting without back-pressure until it works again');
        failing = true;
      } finally {
        sampling = undefined;
      }
    })();
    return sampling;
  }

  function state(): BacklogState | undefined {
    const last = samples.at(-1);
    if (!last || now() - last.at > STALE_AFTER_MS) return undefined;
    const first = samples[0]!;
    let drainRate: number | undefined;
    if (last !== first && last.at > first.at) {
      const seconds = (last.at - first.at) / 1000;
      const byDepth = (last.accepted - first.accepted - (last.depth - first.depth)) / seconds;
      const byDispatcher = (last.finished - first.finished) / seconds;
      drainRate = Math.max(0, byDepth, byDispatcher);
    }
    return { depth: last.depth, urgent: last.urgent, drainRate, seconds: last.depth / Math.max(drainRate ?? 0, FLOOR_RATE) };
  }

  /** How many times the limit a priority may reach before it is refused. */
  const headroom = (priority: Priority) => (priority === 'low' ? 1 : priority === 'medium' ? MEDIUM_HEADROOM : Number.POSITIVE_INFINITY);

  /** The refusal for notifications of this priority, or undefined when they may be accepted. */
  function refusal(priority: Priority): ParleyError | undefined {
    if (!enabled) return undefined;
    const s = state();
    const factor = headroom(priority);
    if (!s || factor === Number.POSITIVE_INFINITY) return undefined;
    const rate = Math.max(s.drainRate ?? 0, FLOOR_RATE);
    // The work a notification of this priority waits behind: everything for low, medium and high for medium.
    const ahead = priority === 'low' ? s.depth : s.urgent;
    const overRows = settings.maxRows > 0 ? ahead - settings.maxRows * factor : Number.NEGATIVE_INFINITY;
    // Seconds of work need a measured rate: right after start (one sample) only the row limit applies.
    const overSeconds = settings.maxSeconds > 0 && s.drainRate !== undefined ? ahead / rate - settings.maxSeconds * factor : Number.NEGATIVE_INFINITY;
    if (overRows <= 0 && overSeconds <= 0) return undefined;
    // Long enough for the excess to drain at the measured rate.
    const excess = Math.max(overRows, overSeconds * rate);
    const retryAfterSeconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(excess / rate)));
    const limit = overRows > 0 ? `${settings.maxRows * factor} deliveries` : `${settings.maxSeconds * factor} seconds of work`;
    return new ParleyError(
      'rate_limited',
      'queue_backlog',
      `The notification queue holds more than ${limit}${priority === 'low' ? '' : ' of medium- and high-priority work'} (${ahead} waiting); ${priority}-priority notifications are refused until it drains. Send this again after Retry-After seconds with the same requestId.`,
      { retryAfterSeconds, priority, queueDepth: ahead, ...(s.drainRate === undefined ? {} : { drainRate: Math.round(s.drainRate) }) },
    );
  }

  const priorityOf = (request: NotificationRequest): Priority => request.metadata?.priority ?? routing[request.notificationType].priority;

  /** Throws 429 queue_backlog if any of these requests may not be accepted now (a batch is accepted whole or not at all). */
  function check(requests: readonly NotificationRequest[]): void {
    if (!enabled) return;
    let lowest: Priority | undefined;
    for (const r of requests) {
      const p = priorityOf(r);
      if (p === 'low') {
        lowest = p;
        break;
      }
      if (p === 'medium') lowest = p;
    }
    const refused = lowest && refusal(lowest);
    if (refused) throw refused;
  }

  return {
    enabled,
    check,
    refusal,
    state,
    /** Takes a sample now (tests, and the first sample at start). */
    sample,
    start(): void {
      if (!enabled || running) return;
      running = true;
      // A count over a deep queue costs: never spend more than a tenth of the time counting.
      const next = async () => {
        const started = now();
        await sample();
        if (running) timer = setTimeout(next, Math.max(settings.sampleMs, 10 * (now() - started)));
        timer?.unref();
      };
      void next();
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await sampling;
    },
  };
}

export type Backlog = ReturnType<typeof createBacklog>;

/** The accepting routes, by operationId, and where each keeps its notifications in the body. */
const GUARDED: Record<string, (body: unknown) => readonly NotificationRequest[]> = {
  sendNotification: (body) => [body as NotificationRequest],
  sendNotificationBatch: (body) => (body as { notifications: NotificationRequest[] }).notifications,
};

/**
 * An onRoute hook for the scope the accepting routes are registered in: each declares the 429
 * (whether or not a limit is set, so the contract does not change with the configuration) and,
 * with a limit, checks the backlog before its handler (after authentication and validation).
 */
export function guardAccepting(backlog: Backlog) {
  return (route: RouteOptions): void => {
    const read = GUARDED[(route.schema as { operationId?: string } | undefined)?.operationId ?? ''];
    if (!read) return;
    const response = (route.schema!.response ??= {}) as Record<number, TSchema>;
    response[429] = { ...ErrorBody, description: 'The notification queue is past its configured backlog (queue_backlog): send the same request again after Retry-After seconds.' };
    if (!backlog.enabled) return;
    const check = async (request: FastifyRequest, _reply: FastifyReply) => backlog.check(read(request.body));
    const existing = route.preHandler;
    route.preHandler = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  };
}
