import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Which deliveries the KPIs count: accepted in [from, to), optionally of one channel, type and vendor (metadata.vendorId). */
export interface KpiScope {
  from: Date;
  to: Date;
  channel?: string;
  notificationType?: string;
  vendorId?: string;
}

/** Counts of one channel and notification type. */
export interface KpiCountRow {
  channel: string;
  notification_type: string;
  accepted: number;
  /** Handed to a provider (or the feed) at least once, or failed, bounced or dead-lettered. */
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
  opened: number;
  clicked: number;
}

export interface KpiLatencyRow {
  channel: string;
  delivered: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** A promotional delivery its recipient opened or clicked: when they first did. */
export interface KpiEngagementRow {
  user_id: string;
  engaged_at: Date;
}

const WAS_SENT = sql<boolean>`(status IN ('sent', 'delivered', 'opened', 'read', 'clicked') OR history @> '[{"status": "sent"}]'::jsonb)`;
const DELIVERED = sql<boolean>`status IN ('delivered', 'opened', 'read', 'clicked')`;

/**
 * The delivery figures of the KPIs (GET /kpis), read in one snapshot: counts per channel and
 * type, trigger-to-delivered latency percentiles per channel (created_at → delivery_time), the
 * promotional deliveries opened or clicked (for conversions), how many people received a
 * promotional delivery, and the busiest second and five minutes of dispatching (throughput).
 */
export async function readKpiFigures(db: Db, scope: KpiScope) {
  const filters = [sql<boolean>`created_at >= ${scope.from}::timestamptz`, sql<boolean>`created_at < ${scope.to}::timestamptz`];
  if (scope.channel !== undefined) filters.push(sql<boolean>`channel = ${scope.channel}`);
  if (scope.notificationType !== undefined) filters.push(sql<boolean>`notification_type = ${scope.notificationType}`);
  if (scope.vendorId !== undefined) filters.push(sql<boolean>`metadata->>'vendorId' = ${scope.vendorId}`);
  const where = sql.join(filters, sql` AND `);

  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const counts = await sql<KpiCountRow>`
        SELECT channel, notification_type,
          count(*)::int AS accepted,
          count(*) FILTER (WHERE ${WAS_SENT} OR status IN ('failed', 'bounced', 'dead'))::int AS attempted,
          count(*) FILTER (WHERE ${DELIVERED})::int AS delivered,
          count(*) FILTER (WHERE status IN ('failed', 'bounced'))::int AS failed,
          count(*) FILTER (WHERE status = 'dead')::int AS dead,
          count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened,
          count(*) FILTER (WHERE clicked_at IS NOT NULL)::int AS clicked
        FROM notification_logs WHERE ${where}
        GROUP BY 1, 2`.execute(trx);
      const latencies = await sql<KpiLatencyRow>`
        SELECT channel, count(*)::int AS delivered,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
        FROM (
          SELECT channel, greatest(0, extract(epoch FROM delivery_time - created_at)::float8 * 1000) AS ms
          FROM notification_logs WHERE ${where} AND delivery_time IS NOT NULL) AS d
        GROUP BY channel`.execute(trx);
      const engagements = await sql<KpiEngagementRow>`
        SELECT user_id, min(least(opened_at, clicked_at)) AS engaged_at
        FROM notification_logs
        WHERE ${where} AND notification_type = 'promotional' AND (opened_at IS NOT NULL OR clicked_at IS NOT NULL)
        GROUP BY user_id, request_id`.execute(trx);
      // Throughput: deliveries handed over (a delivery time), per second and per five minutes
      // (buckets on the clock: 12:00:00–12:04:59…), the busiest of each.
      const dispatch = await sql<{ dispatched: number; busiest_second: number; busiest_five_minutes: number }>`
        WITH per_second AS (
          SELECT date_trunc('second', delivery_time) AS second, count(*)::int AS n
          FROM notification_logs WHERE ${where} AND delivery_time IS NOT NULL
          GROUP BY 1
        ), per_five_minutes AS (
          SELECT sum(n)::int AS n FROM per_second GROUP BY floor(extract(epoch FROM second) / 300)
        )
        SELECT
          (SELECT coalesce(sum(n), 0)::int FROM per_second) AS dispatched,
          (SELECT coalesce(max(n), 0)::int FROM per_second) AS busiest_second,
          (SELECT coalesce(max(n), 0)::int FROM per_five_minutes) AS busiest_five_minutes`.execute(trx);
      const recipients = await sql<{ n: number }>`
        SELECT count(DISTINCT user_id)::int AS n FROM notification_logs
        WHERE ${where} AND notification_type = 'promotional' AND ${DELIVERED}`.execute(trx);
      return {
        counts: counts.rows,
        latencies: latencies.rows.map((r) => ({ ...r, p50: num(r.p50), p95: num(r.p95), p99: num(r.p99) })),
        engagements: engagements.rows.map((r) => ({ user_id: r.user_id, engaged_at: new Date(r.engaged_at) })),
        promotionalRecipients: recipients.rows[0]?.n ?? 0,
        dispatch: {
          dispatched: Number(dispatch.rows[0]?.dispatched ?? 0),
          busiestSecond: Number(dispatch.rows[0]?.busiest_second ?? 0),
          busiestFiveMinutes: Number(dispatch.rows[0]?.busiest_five_minutes ?? 0),
        },
      };
    });
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
