import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The median over sellers of each seller's average rating since `since`, and how many sellers were rated. */
export async function readMarketplaceRatings(db: Db, since: Date): Promise<{ median_average: number | null; sellers: number }> {
  const result = await sql<{ median_average: number | null; sellers: number }>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY average)::float8 AS median_average, count(*)::int AS sellers
        FROM (SELECT seller_id, avg(rating)::float8 AS average FROM order_ratings WHERE rated_at >= ${since} GROUP BY seller_id) s`.execute(db);
  return result.rows[0]!;
}
