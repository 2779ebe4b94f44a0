import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Ratings of a seller (every seller: null) since `since` per ISO week (its Monday, UTC), oldest first. */
export async function readRatingWeeks(db: Db, sellerId: string | null, since: Date): Promise<{ week: string; ratings: number; average: number }[]> {
  const result = await sql<{ week: string; ratings: number; average: number }>`
      SELECT to_char(date_trunc('week', rated_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
             count(*)::int AS ratings, avg(rating)::float8 AS average
        FROM order_ratings
       WHERE rated_at >= ${since} AND (${sellerId}::text IS NULL OR seller_id = ${sellerId})
       GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows;
}
