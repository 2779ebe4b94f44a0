import type { Logger } from 'pino';
import type { Metrics } from '../../metrics.ts';
import type { RoutingTable } from '../accept.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';
import type { ClaimedDelivery, HistoryEntry } from '../deliveries/delivery-types.ts';
import type { OutcomeWrite } from '../deliveries/delivery-log.ts';
import type { Rendered } from '../model.ts';
import type { Device } from '../preferences/preference-schemas.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import type { ProviderError } from '../providers/types.ts';
import type { Suppressions } from '../suppressions/address-suppressions.ts';
import { feedItem } from './in-app-now.ts';
import { type RetryPolicy, decideRetry, postponeUntil } from './retry-decision.ts';

export { feedItem };

/** What became of one claimed delivery: written to its row, then counted and announced. */
export interface Outcome extends OutcomeWrite {
  row: ClaimedDelivery;
  /** Push tokens a provider reported gone: removed from the user's devices. */
  dropTokens?: DroppedToken[];
}

/** A push token a provider refused as invalid; `unregisteredAt` when it said unregistered, and since when. */
export interface DroppedToken extends Device {
  provider?: string;
  unregisteredAt?: Date;
}

/** A history entry for this attempt of the delivery, stamped now. */
export function historyEntry(row: ClaimedDelivery, status: string, extra: Omit<HistoryEntry, 'at' | 'status'> = {}): HistoryEntry {
  return { at: new Date().toISOString(), status, attempt: row.attempts, ...extra };
}

/** Not sent on purpose (preferences, limits, a suppressed address, no device). */
export function skipped(row: ClaimedDelivery, code: string, detail: string): Outcome {
  return { row, status: 'skipped', errorCode: code, errorMessage: detail, history: [historyEntry(row, 'skipped', { code, detail })], attemptsDelta: 0 };
}

/** Failed for good: a permanent refusal or a template that does not render. */
export function failed(row: ClaimedDelivery, code: string, detail: string, provider?: string): Outcome {
  return { row, status: 'failed', errorCode: code, errorMessage: detail, provider, history: [historyEntry(row, 'failed', { code, detail, provider })], attemptsDelta: 0 };
}

/** The next attempt after a retryable failure, or the dead-letter queue when attempts are spent (see decideRetry). */
export function retryOrDead(row: ClaimedDelivery, error: ProviderError, provider: string | undefined, policy: RetryPolicy, extraHistory: HistoryEntry[] = []): Outcome {
  const history = [...extraHistory, historyEntry(row, 'attempt_failed', { code: error.code, detail: error.message, provider })];
  const decision = decideRetry({ attempts: row.attempts, maxRetries: row.max_retries, retryAfterMs: error.retryAfterMs }, policy, Date.now());
  if (decision.kind === 'dead') {
    history.push(historyEntry(row, 'dead', { code: error.code, detail: `Gave up after ${row.attempts} attempts.` }));
    return { row, status: 'dead', errorCode: error.code, errorMessage: error.message, provider, history, attemptsDelta: 0 };
  }
  history.push(historyEntry(row, 'retry_scheduled', { detail: `Next attempt at ${decision.dueAt.toISOString()}.` }));
  return { row, status: 'queued', dueAt: decision.dueAt, errorCode: error.code, errorMessage: error.message, provider, history, attemptsDelta: 0 };
}

/**
 * A delivery that found every provider of its channel behind an open (or half-open) breaker:
 * it waits until one may be tried again, and the wait is not an attempt.
 */
export function postponed(row: ClaimedDelivery, until: number, detail: string, history: HistoryEntry[] = []): Outcome {
  const dueAt = postponeUntil(until, Date.now());
  return {
    row,
    status: 'queued',
    dueAt,
    errorCode: 'no_provider_available',
    errorMessage: detail,
    history: [...history, historyEntry(row, 'postponed', { code: 'no_provider_available', detail: `${detail} Next try at ${dueAt.toISOString()}.` })],
    attemptsDelta: -1,
  };
}

export interface OutcomeRecorderOptions {
  deliveries: DeliveryLog;
  preferences: PreferencesService;
  /** Tokens reported unregistered go on the suppression list. */
  suppressions: Pick<Suppressions, 'add'>;
  routing: RoutingTable;
  metrics: Metrics;
  log: Logger;
  /** Called with each in-app item once it is in the feed; the caller pushes it to the user's sockets. */
  inAppSent: (userId: string, item: Record<string, unknown>) => void;
  /** Wakes the claim loop (a fallback step was made due). */
  wake: () => void;
}

/**
 * Writes a batch of outcomes (one update), then, for those applied: metrics, logs, the in-app
 * push, removal of gone push tokens, and the next fallback step of a channel that failed for good.
 */
export function createOutcomeRecorder({ deliveries, preferences, suppressions, routing, metrics, log, inAppSent, wake }: OutcomeRecorderOptions) {
  /**
   * A token reported unregistered is removed unless the app registered it again after the
   * report's time, and goes on the suppression list until it does; any other invalid token is
   * removed.
   */
  async function forgetToken(userId: string, device: DroppedToken): Promise<void> {
    if (!device.unregisteredAt) return preferences.dropToken(userId, device.deviceId, device.token);
    const registeredSince = await preferences.tokenUnregistered(userId, device.deviceId, device.token, device.unregisteredAt);
    if (registeredSince) return;
    await suppressions.add([
      { channel: 'push', address: device.token, reason: 'unregistered', actor: `provider:${device.provider ?? 'push'}`, reportedAt: device.unregisteredAt, note: `Device ${device.deviceId} of ${userId}.` },
    ]);
  }

  return async function complete(outcomes: Outcome[]): Promise<void> {
    const applied = new Set((await deliveries.recordOutcomes(outcomes)).map((r) => r.log_id));

    const promote: { requestId: string; step: number }[] = [];
    for (const o of outcomes) {
      if (!applied.has(o.row.log_id)) {
        log.warn({ logId: o.row.log_id }, 'outcome dropped: the lease expired and another worker took the delivery');
        continue;
      }
      const channel = o.row.channel;
      switch (o.status) {
        case 'sent':
          metrics.sent.inc({ channel, provider: o.provider ?? 'unknown' });
          metrics.sentLatency.observe({ channel }, Math.max(0, (Date.now() - new Date(o.row.due_since).getTime()) / 1000));
          if (channel === 'in-app' && o.rendered) inAppSent(o.row.user_id, feedItem(o.row, o.rendered));
          break;
        case 'queued':
          if (o.attemptsDelta === 0) metrics.retries.inc({ channel });
          break;
        case 'skipped':
          metrics.skipped.inc({ channel, reason: o.errorCode ?? 'unknown' });
          log.info({ logId: o.row.log_id, requestId: o.row.request_id, channel, reason: o.errorCode }, 'delivery skipped');
          break;
        case 'dead':
          metrics.deadLetters.inc({ channel });
          log.warn({ logId: o.row.log_id, requestId: o.row.request_id, channel, code: o.errorCode }, 'delivery dead-lettered');
          break;
        case 'failed':
          log.warn({ logId: o.row.log_id, requestId: o.row.request_id, channel, code: o.errorCode }, 'delivery failed');
          break;
      }
      if ((o.status === 'failed' || o.status === 'dead' || o.status === 'skipped') && routing[o.row.notification_type].strategy === 'fallback') {
        promote.push({ requestId: o.row.request_id, step: o.row.step + 1 });
      }
      for (const device of o.dropTokens ?? []) {
        forgetToken(o.row.user_id, device).catch((err: Error) => log.warn({ err: err.message }, 'removing a device token failed'));
      }
    }
    if (promote.length) {
      // A channel that failed for good hands over to the next one at once instead of at its timer.
      await deliveries.promoteFallbackSteps(promote);
      wake();
    }
  };
}
