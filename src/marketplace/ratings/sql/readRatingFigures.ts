import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface RatingFiguresRow {
  ratings: number;
  average: number | null;
  /** Ratings given 1, 2, 3, 4 and 5. */
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

/** How a seller (every seller: null) was rated since `since`: count, average and distribution. */
export async function readRatingFigures(db: Db, sellerId: string | null, since: Date): Promise<RatingFiguresRow> {
  const result = await sql<RatingFiguresRow>`
      SELECT count(*)::int AS ratings, avg(rating)::float8 AS average,
             count(*) FILTER (WHERE rating = 1)::int AS r1, count(*) FILTER (WHERE rating = 2)::int AS r2,
             count(*) FILTER (WHERE rating = 3)::int AS r3, count(*) FILTER (WHERE rating = 4)::int AS r4,
             count(*) FILTER (WHERE rating = 5)::int AS r5
        FROM order_ratings
       WHERE rated_at >= ${since} AND (${sellerId}::text IS NULL OR seller_id = ${sellerId})`.execute(db);
  return result.rows[0]!;
}
