import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { responseDeadlineSeconds } from '../analytics-tally.ts';

export interface MarketplaceRow {
  sellers: number;
  first_response: number | null;
  first_response_n: number;
  median_response: number | null;
  median_response_n: number;
  average_response: number | null;
  average_response_n: number;
  response_rate: number | null;
  response_rate_n: number;
  late_rate: number | null;
  late_rate_n: number;
  conversion_rate: number | null;
  conversion_rate_n: number;
  engagement_rate: number | null;
  engagement_rate_n: number;
}

/**
 * The marketplace's per-seller figures since `since` (days from `sinceDay`), as medians over
 * sellers with how many sellers each median covers, and how many sellers were active.
 */
export async function readMarketplaceFigures(db: Db, since: Date, sinceDay: string, dueBefore: Date): Promise<MarketplaceRow> {
  const median = (column: string) => sql.raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS ${column}, count(${column})::int AS ${column}_n`);
  const result = await sql<MarketplaceRow>`
      WITH r AS (
        SELECT seller_id,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) FILTER (WHERE is_first) AS first_response,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median_response,
               avg(response_seconds)::float8 AS average_response,
               count(*) FILTER (WHERE response_seconds <= ${responseDeadlineSeconds})::float8
                 / nullif(count(*) FILTER (WHERE answered_at IS NOT NULL OR asked_at <= ${dueBefore}), 0) AS response_rate,
               count(*) FILTER (WHERE response_seconds > ${responseDeadlineSeconds})::float8 / nullif(count(answered_at), 0) AS late_rate
          FROM conversation_responses WHERE asked_at >= ${since} GROUP BY seller_id
      ), i AS (
        SELECT p.user_id AS seller_id, count(c.converted_order_id)::float8 / count(*) AS conversion_rate
          FROM conversations c JOIN conversation_participants p ON p.conversation_id = c.id AND p.role = 'seller'
         WHERE c.conversation_type = 'product_inquiry' AND c.created_at >= ${since} GROUP BY p.user_id
      ), e AS (
        SELECT seller_id, count(*) FILTER (WHERE buyer_messages > 0 AND seller_messages > 0)::float8 / count(*) AS engagement_rate
          FROM conversation_daily_stats WHERE day >= ${sinceDay}::date AND seller_id IS NOT NULL GROUP BY seller_id
      )
      SELECT (SELECT count(*)::int FROM (SELECT seller_id FROM r UNION SELECT seller_id FROM i UNION SELECT seller_id FROM e) s) AS sellers, r_m.*, i_m.*, e_m.*
        FROM (SELECT ${median('first_response')}, ${median('median_response')}, ${median('average_response')},
                     ${median('response_rate')}, ${median('late_rate')} FROM r) r_m,
             (SELECT ${median('conversion_rate')} FROM i) i_m,
             (SELECT ${median('engagement_rate')} FROM e) e_m`.execute(db);
  return result.rows[0]!;
}
