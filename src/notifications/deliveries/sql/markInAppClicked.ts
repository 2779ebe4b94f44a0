import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { FEED_STATUSES } from '../delivery-types.ts';

/** Records that the user followed an in-app item's action (opened, read and seen too); false when it is not theirs. */
export async function markInAppClicked(db: Db, userId: string, logId: string): Promise<boolean> {
  const row = await db
    .updateTable('notification_logs')
    .set({ clicked_at: sql`coalesce(clicked_at, now())`, opened_at: sql`coalesce(opened_at, now())`, read_at: sql`coalesce(read_at, now())`, seen_at: sql`coalesce(seen_at, now())`, status: 'clicked' })
    .where('log_id', '=', logId)
    .where('user_id', '=', userId)
    .where('channel', '=', 'in-app')
    .where('status', 'in', FEED_STATUSES)
    .returning('log_id')
    .executeTakeFirst();
  return row !== undefined;
}
