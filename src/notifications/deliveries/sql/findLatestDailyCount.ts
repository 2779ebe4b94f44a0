import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The user's most recent day with promotional notifications counted (YYYY-MM-DD), and how many. */
export async function findLatestDailyCount(db: Db, userId: string): Promise<{ day: string; count: number } | undefined> {
  const row = await db
    .selectFrom('notification_daily_counts')
    .select(['day', sql<number>`cardinality(request_ids)`.as('n')])
    .where('user_id', '=', userId)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const day = row.day as unknown;
  return { day: day instanceof Date ? day.toISOString().slice(0, 10) : String(day).slice(0, 10), count: Number(row.n ?? 0) };
}
