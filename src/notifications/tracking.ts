import { sql } from 'kysely';
import type { Logger } from 'pino';
import { isUuid } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import type { Metrics } from '../metrics.ts';
import type { HistoryEntry } from './dispatcher.ts';
import type { PreferencesService } from './preferences.ts';
import type { ProviderEvent } from './providers/types.ts';

/** How far along a delivery is; an event only ever moves it forward. */
const rank: Record<string, number> = { queued: 0, standby: 0, sending: 0, sent: 1, delivered: 2, opened: 3, read: 3, clicked: 4 };
const statusFor: Partial<Record<ProviderEvent['status'], string>> = { sent: 'sent', delivered: 'delivered', opened: 'opened', clicked: 'clicked', bounced: 'bounced', failed: 'failed' };

/**
 * Provider callbacks and in-app reads land here and update the delivery row the dispatcher
 * wrote: status, delivery time, history. A hard bounce or a spam complaint suppresses the address.
 */
export function createTracking({ db, metrics, preferences, log }: { db: Db; metrics: Metrics; preferences: PreferencesService; log: Logger }) {
  async function apply(channel: 'email' | 'sms', event: ProviderEvent): Promise<boolean> {
    let row;
    if (event.deliveryId && isUuid(event.deliveryId)) {
      row = await db.selectFrom('notification_logs').select(['log_id', 'status', 'user_id', 'recipient', 'provider', 'created_at', 'external_message_id']).where('log_id', '=', event.deliveryId).where('channel', '=', channel).executeTakeFirst();
    }
    if (!row && event.externalId) {
      row = await db.selectFrom('notification_logs').select(['log_id', 'status', 'user_id', 'recipient', 'provider', 'created_at', 'external_message_id']).where('external_message_id', '=', event.externalId).where('channel', '=', channel).executeTakeFirst();
    }
    if (!row) return false;
    const current = row.status;
    const next = statusFor[event.status];
    let status = current;
    if (next && (next === 'bounced' || next === 'failed' ? (rank[current] ?? 9) <= 2 : (rank[next] ?? 0) > (rank[current] ?? 9))) status = next;
    const history: HistoryEntry = { at: event.at.toISOString(), status: `provider_${event.status}`, provider: row.provider ?? undefined, detail: event.reason ?? event.url, externalId: event.externalId };
    const delivered = ['delivered', 'opened', 'clicked'].includes(event.status);
    await db
      .updateTable('notification_logs')
      .set({
        status,
        delivery_time: delivered ? sql`coalesce(delivery_time, ${event.at})` : sql`delivery_time`,
        clicked_at: event.status === 'clicked' ? sql`coalesce(clicked_at, ${event.at})` : sql`clicked_at`,
        error_code: status === 'bounced' || status === 'failed' ? (event.hard ? 'hard_bounce' : event.status) : sql`error_code`,
        error_message: status === 'bounced' || status === 'failed' ? (event.reason ?? null) : sql`error_message`,
        history: sql`history || ${JSON.stringify([history])}::jsonb`,
      })
      .where('log_id', '=', row.log_id)
      .execute();
    const provider = row.provider ?? 'unknown';
    if (event.status === 'delivered' && (rank[current] ?? 0) < 2) {
      metrics.delivered.inc({ channel, provider });
      metrics.deliveredLatency.observe({ channel }, Math.max(0, (event.at.getTime() - new Date(row.created_at as Date).getTime()) / 1000));
    } else if (event.status !== 'delivered' && event.status !== 'sent') {
      metrics.engagement.inc({ channel, event: event.status });
    }
    const address = (row.recipient as { address?: string }).address ?? event.address;
    if (address && (((event.status === 'bounced' || event.status === 'failed') && event.hard) || event.status === 'complained')) {
      await db
        .insertInto('address_suppressions')
        .values({ channel, address, reason: event.status === 'complained' ? 'complaint' : 'hard_bounce', log_id: row.log_id, created_at: new Date() })
        .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
        .execute();
      log.info({ channel, logId: row.log_id, reason: event.status }, 'address suppressed');
    }
    if (event.status === 'unsubscribed') await preferences.optOut(row.user_id, channel);
    return true;
  }

  return {
    /** Applies a provider's events; returns how many matched a delivery. */
    async providerEvents(channel: 'email' | 'sms', events: ProviderEvent[]): Promise<number> {
      let matched = 0;
      for (const event of events) if (await apply(channel, event)) matched++;
      return matched;
    },

    /** In-app items that reached a socket: sent → delivered. */
    async inAppDelivered(logIds: string[]): Promise<void> {
      if (!logIds.length) return;
      const rows = await sql<{ created_at: Date }>`
        UPDATE notification_logs SET status = CASE WHEN status = 'sent' THEN 'delivered' ELSE status END, delivery_time = now()
        WHERE log_id = ANY(${logIds}::uuid[]) AND channel = 'in-app' AND delivery_time IS NULL
        RETURNING created_at`.execute(db);
      for (const r of rows.rows) {
        metrics.delivered.inc({ channel: 'in-app', provider: 'in-app' });
        metrics.deliveredLatency.observe({ channel: 'in-app' }, Math.max(0, (Date.now() - new Date(r.created_at).getTime()) / 1000));
      }
    },
  };
}

export type Tracking = ReturnType<typeof createTracking>;
