import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Counts a promotional notification against the user's daily limit; false when the limit is
 * reached. Counting is per request, so the same promotion on two channels counts once; the row
 * lock serialises concurrent workers.
 */
export async function countPromotional(db: Db, userId: string, day: string, requestId: string, limit: number): Promise<boolean> {
  const row = await sql<{ allowed: boolean }>`
        INSERT INTO notification_daily_counts AS c (user_id, day, request_ids)
        VALUES (${userId}, ${day}::date, CASE WHEN ${limit}::int > 0 THEN ARRAY[${requestId}::uuid] ELSE ARRAY[]::uuid[] END)
        ON CONFLICT (user_id, day) DO UPDATE SET request_ids = CASE
          WHEN ${requestId}::uuid = ANY(c.request_ids) THEN c.request_ids
          WHEN cardinality(c.request_ids) < ${limit}::int THEN array_append(c.request_ids, ${requestId}::uuid)
          ELSE c.request_ids END
        RETURNING ${requestId}::uuid = ANY(request_ids) AS allowed`.execute(db);
  return Boolean(row.rows[0]?.allowed);
}
