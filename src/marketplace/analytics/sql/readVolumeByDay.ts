import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { type AnalyticsScope, scopeFilter } from './analyticsScopeFilter.ts';

/** A scope's counted messages per day (UTC) from `sinceDay` on, with its active and engaged conversations, oldest first. */
export async function readVolumeByDay(db: Db, scope: AnalyticsScope, sinceDay: string) {
  const result = await sql<{ day: string; buyer: number; seller: number; active: number; engaged: number }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day,
             sum(buyer_messages)::int AS buyer, sum(seller_messages)::int AS seller,
             count(*)::int AS active,
             count(*) FILTER (WHERE buyer_messages > 0 AND seller_messages > 0)::int AS engaged
        FROM conversation_daily_stats
       WHERE ${scopeFilter(scope)} AND day >= ${sinceDay}::date
       GROUP BY day ORDER BY day`.execute(db);
  return result.rows;
}
