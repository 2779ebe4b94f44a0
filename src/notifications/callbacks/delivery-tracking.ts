import type { Logger } from 'pino';
import type { Metrics } from '../../metrics.ts';
import { isUuid } from '../../uuid.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';
import type { HistoryEntry } from '../deliveries/delivery-types.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import type { Suppressions } from '../suppressions/address-suppressions.ts';
import type { ProviderEvent } from '../providers/types.ts';

/** How far along a delivery is; an event only ever moves it forward. */
const rank: Record<string, number> = { queued: 0, standby: 0, sending: 0, sent: 1, delivered: 2, opened: 3, read: 3, clicked: 4 };
const statusFor: Partial<Record<ProviderEvent['status'], string>> = { sent: 'sent', delivered: 'delivered', opened: 'opened', clicked: 'clicked', bounced: 'bounced', failed: 'failed' };

/**
 * Provider callbacks and in-app reads land here and update the delivery row the dispatcher
 * wrote: status, delivery time, history. A hard bounce or a spam complaint suppresses the address.
 */
export function createTracking({
  deliveries,
  suppressions,
  metrics,
  preferences,
  log,
}: {
  deliveries: DeliveryLog;
  suppressions: Suppressions;
  metrics: Metrics;
  preferences: PreferencesService;
  log: Logger;
}) {
  async function apply(channel: 'email' | 'sms' | 'whatsapp', event: ProviderEvent): Promise<boolean> {
    const row = await deliveries.trackedDelivery(channel, { deliveryId: event.deliveryId && isUuid(event.deliveryId) ? event.deliveryId : undefined, externalId: event.externalId });
    if (!row) return false;
    const current = row.status;
    const next = statusFor[event.status];
    let status = current;
    if (next && (next === 'bounced' || next === 'failed' ? (rank[current] ?? 9) <= 2 : (rank[next] ?? 0) > (rank[current] ?? 9))) status = next;
    const history: HistoryEntry = { at: event.at.toISOString(), status: `provider_${event.status}`, provider: row.provider ?? undefined, detail: event.reason ?? event.url, externalId: event.externalId };
    const delivered = ['delivered', 'opened', 'clicked'].includes(event.status);
    const refused = status === 'bounced' || status === 'failed';
    await deliveries.recordProviderEvent(row.log_id, {
      status,
      at: event.at,
      delivered,
      clicked: event.status === 'clicked',
      error: refused ? { code: event.hard ? 'hard_bounce' : event.status, message: event.reason ?? null } : undefined,
      history,
    });
    const provider = row.provider ?? 'unknown';
    if (event.status === 'delivered' && (rank[current] ?? 0) < 2) {
      metrics.delivered.inc({ channel, provider });
      metrics.deliveredLatency.observe({ channel }, Math.max(0, (event.at.getTime() - new Date(row.created_at as Date).getTime()) / 1000));
    } else if (event.status !== 'delivered' && event.status !== 'sent') {
      metrics.engagement.inc({ channel, event: event.status });
    }
    const address = (row.recipient as { address?: string }).address ?? event.address;
    if (address && (((event.status === 'bounced' || event.status === 'failed') && event.hard) || event.status === 'complained')) {
      await suppressions.suppress({ channel, address, reason: event.status === 'complained' ? 'complaint' : 'hard_bounce', logId: row.log_id });
      log.info({ channel, logId: row.log_id, reason: event.status }, 'address suppressed');
    }
    if (event.status === 'unsubscribed') await preferences.optOut(row.user_id, channel);
    return true;
  }

  return {
    /** Applies a provider's events; returns how many matched a delivery. */
    async providerEvents(channel: 'email' | 'sms' | 'whatsapp', events: ProviderEvent[]): Promise<number> {
      let matched = 0;
      for (const event of events) if (await apply(channel, event)) matched++;
      return matched;
    },

    /** In-app items that reached a socket: sent → delivered. */
    async inAppDelivered(logIds: string[]): Promise<void> {
      const rows = await deliveries.markInAppDelivered(logIds);
      for (const r of rows) {
        metrics.delivered.inc({ channel: 'in-app', provider: 'in-app' });
        metrics.deliveredLatency.observe({ channel: 'in-app' }, Math.max(0, (Date.now() - new Date(r.created_at).getTime()) / 1000));
      }
    },
  };
}

export type Tracking = ReturnType<typeof createTracking>;
