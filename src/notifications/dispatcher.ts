import type { Logger } from 'pino';
import { context, trace } from '@opentelemetry/api';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { contextOf, endSpan, tracer } from '../ops/tracing.ts';
import type { Metrics } from '../metrics.ts';
import type { RoutingTable } from './accept.ts';
import type { DeliveryLog } from './deliveries/delivery-log.ts';
import type { ClaimedDelivery } from './deliveries/delivery-types.ts';
import { type BatchContext, claimDue, loadBatchContext } from './dispatch/delivery-claim.ts';
import { type PromotionQuota, createGates } from './dispatch/delivery-gates.ts';
import type { FrequencyCapService } from './frequency-caps/frequency-caps.ts';
import { type Outcome, createOutcomeRecorder, failed, historyEntry, retryOrDead, skipped } from './dispatch/delivery-outcome.ts';
import type { Digests } from './digests/digests.ts';
import { createProviderSender } from './dispatch/provider-send.ts';
import type { Rendered } from './model.ts';
import type { PreferencesService } from './preferences/user-preferences.ts';
import type { ProviderLists } from './providers/registry.ts';
import { ProviderError } from './providers/types.ts';
import type { WorkerSettings } from './settings.ts';
import type { Suppressions } from './suppressions/address-suppressions.ts';
import type { Templates } from './templates/notification-templates.ts';
import { TemplateError } from './templates/template-rendering.ts';
import type { RecipientLinks } from './unsubscribe/recipient-links.ts';
import type { PushActionLinks } from './push-actions/push-action-links.ts';
import type { ConsentLog } from '../consents/consent-log.ts';
import type { ServiceWindows } from './whatsapp/service-windows.ts';

export type { BreakerReport } from './dispatch/provider-send.ts';

export interface DispatcherOptions {
  /** The queue: claims and outcomes go through it. */
  deliveries: DeliveryLog;
  providers: ProviderLists;
  /** Preferences and push devices: the dispatcher reads neither table itself. */
  preferences: PreferencesService;
  suppressions: Suppressions;
  templates: Templates;
  routing: RoutingTable;
  metrics: Metrics;
  /** An email as it is sent: with its open pixel and tracked links, unless its type is not tracked (engagement/). */
  prepareEmail: (row: ClaimedDelivery, rendered: Rendered) => Promise<Rendered>;
  log: Logger;
  /** Called with each in-app item once it is in the feed; the caller pushes it to the user's sockets. */
  inAppSent: (userId: string, item: Record<string, unknown>) => void;
  /** Batch size, in-flight limit, lease, poll interval, retry delays, breaker: PARLEY_WORKER_* and friends. */
  worker: WorkerSettings;
  /** Unsubscribe and preference links (template variables, List-Unsubscribe headers). */
  links?: RecipientLinks;
  /** Action tokens for pushes with buttons (interactive push). */
  pushActions?: PushActionLinks;
  /** The consent log: a promotion from a vendor the user withdrew consent from is skipped. */
  consents?: Pick<ConsentLog, 'current'>;
  /** WhatsApp customer-service windows: free text inside one, a template outside. */
  serviceWindows?: Pick<ServiceWindows, 'lastInbound'>;
  /** Digests: a delivery of a type the user takes as a digest is collected instead of sent. */
  digests?: Pick<Digests, 'digestFor' | 'collectDelivery'>;
  /** Frequency caps: a delivery over its type's cap for its user is skipped (frequency_capped). */
  frequencyCaps?: Pick<FrequencyCapService, 'admit'>;
  /** Vendors' monthly quotas of promotional emails and SMS; absent: nothing is counted. */
  promotionQuota?: PromotionQuota;
}

/**
 * After a claim that found less than a full batch, the next one waits at least this long:
 * at a trickle of one notification per wake-up, every notification would otherwise cost a
 * claim and an update of its own. Under load claims come back full and do not wait.
 */
const CLAIM_INTERVAL_MS = 10;

/** While the database is away, recorded outcomes are written again this often. */
const OUTCOME_RETRY_MS = 500;

/**
 * The worker. It claims due deliveries in batches (dispatch/delivery-claim.ts), passes each
 * through the gates (dispatch/delivery-gates.ts: preferences, quiet hours, suppressions, daily
 * limits, frequency caps), renders and calls providers outside any transaction (dispatch/provider-send.ts:
 * failover and breakers), and records outcomes in batched updates (dispatch/delivery-outcome.ts;
 * when to retry is dispatch/retry-decision.ts).
 */
export function createDispatcher(options: DispatcherOptions) {
  const { deliveries, preferences, suppressions, templates, routing, metrics, log, worker } = options;
  const sources = { deliveries, preferences, suppressions, consents: options.consents, serviceWindows: options.serviceWindows };
  const sender = createProviderSender({ providers: options.providers, templates, metrics, worker, links: options.links, pushActions: options.pushActions, prepareEmail: options.prepareEmail });
  const gate = createGates({ routing, deliveries, caps: options.frequencyCaps, quota: options.promotionQuota });
  const complete = createOutcomeRecorder({ deliveries, preferences, suppressions, routing, metrics, log, inAppSent: options.inAppSent, wake: () => wake() });

  let running = false;
  let inFlight = 0;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let loop: Promise<void> | undefined;
  let abandoned = false;
  // Bumped by abandon(): work started before it is never recorded, as if its process had died.
  let generation = 0;
  const pending: Outcome[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let slotFreed: (() => void) | undefined;

  function wake(): void {
    woken = true;
    wakeUp?.();
  }

  /** Gates, then renders, then sends (in-app: the rendered item is the outcome). */
  async function processRow(row: ClaimedDelivery, ctx: BatchContext): Promise<Outcome> {
    const now = new Date();
    const digest = options.digests?.digestFor(row, ctx.prefs.get(row.user_id), now);
    const held = await gate(row, ctx, now, digest !== undefined);
    if (held) return held;
    let rendered: Rendered;
    try {
      rendered = await sender.render(row);
    } catch (err) {
      if (err instanceof TemplateError) return failed(row, 'template_error', `The template failed to render: ${err.message}`);
      throw err;
    }
    if (digest) {
      // Collected, then marked: a worker that dies between the two leaves the item, and the next claim finds it recorded.
      await options.digests!.collectDelivery(row, rendered, digest);
      return skipped(row, 'digested', `Collected into the user's ${digest.key} digest, sent when its window closes at ${digest.end.toISOString()}.`);
    }
    if (row.channel === 'in-app') {
      return { row, status: 'sent', provider: 'in-app', sendTime: new Date(), rendered, history: [historyEntry(row, 'sent', { provider: 'in-app' })], attemptsDelta: 0 };
    }
    return sender.send(row, rendered, ctx);
  }

  /**
   * processRow, continuing the trace the acceptor stored on the delivery (ops/tracing.ts): a span
   * for its wait in the queue (from when it was due to this claim), and one for the dispatch, the
   * provider call's parent. Without a stored trace, no spans.
   */
  function tracedRow(row: ClaimedDelivery, ctx: BatchContext): Promise<Outcome> {
    const traceparent = row.metadata?.traceparent;
    if (typeof traceparent !== 'string') return processRow(row, ctx);
    const parent = contextOf(traceparent);
    const claimedAt = new Date();
    const attributes = { 'parley.request_id': row.request_id, 'parley.log_id': row.log_id, 'parley.channel': row.channel, 'parley.attempt': row.attempts };
    tracer.startSpan('notification.queue', { startTime: new Date(row.due_since), attributes }, parent).end(claimedAt);
    const span = tracer.startSpan('notification.dispatch', { startTime: claimedAt, attributes }, parent);
    return context.with(trace.setSpan(parent, span), () => processRow(row, ctx)).then(
      (outcome) => {
        span.setAttribute('parley.outcome', outcome.status);
        if (outcome.errorCode) span.setAttribute('parley.error_code', outcome.errorCode);
        span.end();
        return outcome;
      },
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
  }

  function schedule(outcome: Outcome): void {
    pending.push(outcome);
    if (pending.length >= worker.batchSize) void flush();
    else flushTimer ??= setTimeout(() => void flush(), 5);
  }

  function flush(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return flushing;
    const batch = pending.splice(0, pending.length);
    const written = generation;
    flushing = flushing
      .then(() => complete(batch))
      .then(
        () => release(batch.length),
        (err: Error) => {
          // The database is away: keep the outcomes (those deliveries were sent) and write them when
          // it is back, rather than let the leases expire and send them again.
          if (isDatabaseUnavailable(err) && written === generation && running) {
            pending.unshift(...batch);
            flushTimer ??= setTimeout(() => void flush(), OUTCOME_RETRY_MS);
            return;
          }
          log.error({ err: err.message, count: batch.length }, 'recording outcomes failed; the leases will expire and the deliveries be retried');
          release(batch.length);
        },
      );
    return flushing;
  }

  function release(count: number): void {
    inFlight = Math.max(0, inFlight - count);
    slotFreed?.();
  }

  async function run(): Promise<void> {
    let lastShortClaim = 0;
    let claimFailingSince: number | undefined;
    while (running) {
      const wait = lastShortClaim + CLAIM_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight >= worker.maxInFlight) {
        await new Promise<void>((resolve) => (slotFreed = resolve));
        slotFreed = undefined;
        continue;
      }
      woken = false;
      let rows: ClaimedDelivery[] = [];
      try {
        rows = await claimDue(sources, Math.min(worker.batchSize, worker.maxInFlight - inFlight), worker.leaseSeconds);
        if (claimFailingSince !== undefined) log.info({ seconds: (Date.now() - claimFailingSince) / 1000 }, 'claiming deliveries again');
        claimFailingSince = undefined;
      } catch (err) {
        // Once per outage: the loop keeps trying at the poll interval.
        if (claimFailingSince === undefined) log.error({ err: (err as Error).message }, 'claiming deliveries failed; trying again every poll until it works');
        claimFailingSince ??= Date.now();
      }
      if (!running) break;
      lastShortClaim = rows.length < worker.batchSize ? Date.now() : 0;
      if (rows.length === 0) {
        if (!woken) await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, worker.pollMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
        continue;
      }
      inFlight += rows.length;
      let ctx: BatchContext;
      try {
        ctx = await loadBatchContext(sources, rows);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'loading preferences failed; the claimed deliveries will be retried when their lease expires');
        inFlight -= rows.length;
        continue;
      }
      const claimedIn = generation;
      for (const row of rows) {
        tracedRow(row, ctx)
          .catch((err: Error) => retryOrDead(row, new ProviderError('retryable', 'internal_error', err.message), undefined, worker))
          .then((outcome) => (claimedIn === generation ? schedule(outcome) : undefined));
      }
    }
  }

  return {
    wake,
    /** The circuit breaker of every provider in this process, by channel, in failover order. */
    breakers: sender.breakers,
    start(): void {
      if (running) return;
      running = true;
      if (abandoned) inFlight = 0;
      abandoned = false;
      loop = run();
    },
    /** Stops claiming, lets what is in flight finish and records it. */
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      slotFreed?.();
      await loop;
      while (inFlight > 0 && !abandoned) {
        await flush();
        if (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      }
      await flushing;
    },
    /** Stops as a crash would: nothing in flight is recorded; the leases expire and others take over. */
    async abandon(): Promise<void> {
      abandoned = true;
      generation++;
      running = false;
      pending.length = 0;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      wakeUp?.();
      slotFreed?.();
      await loop;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
