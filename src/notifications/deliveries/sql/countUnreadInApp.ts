import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { FEED_STATUSES } from '../delivery-types.ts';

/** How many of the user's in-app items are unread. */
export async function countUnreadInApp(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_logs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('channel', '=', 'in-app')
    .where('status', 'in', FEED_STATUSES)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
