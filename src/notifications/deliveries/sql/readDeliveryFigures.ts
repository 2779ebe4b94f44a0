import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The delivery was handed to a provider (or to the in-app feed) at least once. */
const WAS_SENT = sql<boolean>`(status IN ('sent', 'delivered', 'opened', 'read', 'clicked') OR history @> '[{"status": "sent"}]'::jsonb)`;

export interface StatusRow {
  channel: string;
  provider: string | null;
  status: string;
  error_code: string | null;
  sent: boolean;
  n: number;
}

export interface LatencyRow {
  channel: string;
  sent_p50: number | null;
  sent_p95: number | null;
  delivered_p50: number | null;
  delivered_p95: number | null;
}

export interface EngagementRow {
  channel: string;
  /** Deliveries opened (clicked) by a person: opened_at (clicked_at) set. */
  opened: number;
  clicked: number;
  /** Deliveries whose only opens (clicks) were a machine's. */
  machine_only_opened: number;
  machine_only_clicked: number;
}

export interface SeriesRow {
  hour: number;
  channel: string;
  accepted: number;
  sent: number;
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * The figures of the deliveries accepted in [from, to) (a range on created_at, index
 * notification_logs_created_at): counts by channel, provider, status and error, latency
 * percentiles, an hourly series and failed provider calls, read in one snapshot.
 */
export async function readDeliveryFigures(db: Db, from: string, to: string) {
    const inWindow = sql<boolean>`created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz`;

    // One snapshot for every figure, so that the series adds up to the totals while workers write.
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const statuses = await sql<StatusRow>`
          SELECT channel, provider, status, error_code, ${WAS_SENT} AS sent, count(*)::int AS n
          FROM notification_logs WHERE ${inWindow}
          GROUP BY 1, 2, 3, 4, 5`.execute(trx);
        const latencies = await sql<LatencyRow>`
          SELECT channel,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY sent_ms) AS sent_p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY sent_ms) AS sent_p95,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY delivered_ms) AS delivered_p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY delivered_ms) AS delivered_p95
          FROM (
            SELECT channel,
              CASE WHEN ${WAS_SENT} THEN greatest(0, extract(epoch FROM send_time - created_at)::float8 * 1000) END AS sent_ms,
              CASE WHEN delivery_time IS NOT NULL THEN greatest(0, extract(epoch FROM delivery_time - created_at)::float8 * 1000) END AS delivered_ms
            FROM notification_logs WHERE ${inWindow}) AS d
          GROUP BY channel`.execute(trx);
        const series = await sql<SeriesRow>`
          SELECT floor(extract(epoch FROM created_at) / 3600)::int AS hour, channel,
            count(*)::int AS accepted,
            count(*) FILTER (WHERE ${WAS_SENT})::int AS sent,
            count(*) FILTER (WHERE status IN ('delivered', 'opened', 'read', 'clicked'))::int AS delivered,
            count(*) FILTER (WHERE status IN ('failed', 'bounced'))::int AS failed,
            count(*) FILTER (WHERE status = 'dead')::int AS dead
          FROM notification_logs WHERE ${inWindow}
          GROUP BY 1, 2`.execute(trx);
        // Only deliveries with a failed call on record are unpacked: most have none.
        const failedAttempts = await sql<{ channel: string; provider: string; n: number }>`
          SELECT n.channel, e.value->>'provider' AS provider, count(*)::int AS n
          FROM notification_logs n CROSS JOIN LATERAL jsonb_array_elements(n.history) AS e(value)
          WHERE n.created_at >= ${from}::timestamptz AND n.created_at < ${to}::timestamptz
            AND (n.history @> '[{"status": "attempt_failed"}]'::jsonb OR n.history @> '[{"status": "failed"}]'::jsonb)
            AND e.value->>'status' IN ('attempt_failed', 'failed') AND e.value->>'provider' IS NOT NULL
          GROUP BY 1, 2`.execute(trx);
        // Opens and clicks by people are the deliveries' opened_at and clicked_at; machines' only in their tables.
        const engagement = await sql<EngagementRow>`
          SELECT n.channel,
            count(*) FILTER (WHERE n.opened_at IS NOT NULL)::int AS opened,
            count(*) FILTER (WHERE n.clicked_at IS NOT NULL)::int AS clicked,
            coalesce(sum(m.machine_opened) FILTER (WHERE n.opened_at IS NULL), 0)::int AS machine_only_opened,
            coalesce(sum(m.machine_clicked) FILTER (WHERE n.clicked_at IS NULL), 0)::int AS machine_only_clicked
          FROM notification_logs n
          LEFT JOIN (
            SELECT log_id, max(machine_opened) AS machine_opened, max(machine_clicked) AS machine_clicked FROM (
              SELECT log_id, 1 AS machine_opened, 0 AS machine_clicked FROM notification_opens WHERE machine AND opened_at >= ${from}::timestamptz
              UNION ALL
              SELECT log_id, 0, 1 FROM notification_clicks WHERE machine AND clicked_at >= ${from}::timestamptz) AS e
            GROUP BY log_id) AS m ON m.log_id = n.log_id
          WHERE n.created_at >= ${from}::timestamptz AND n.created_at < ${to}::timestamptz
          GROUP BY n.channel`.execute(trx);
        return { statuses: statuses.rows, latencies: latencies.rows, series: series.rows, failedAttempts: failedAttempts.rows, engagement: engagement.rows };
      });

}
