import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { FEED_STATUSES } from '../delivery-types.ts';

/** Which of these ids are in-app items of the user. */
export async function findOwnInAppIds(db: Db, userId: string, logIds: string[]): Promise<string[]> {
  const rows = await db.selectFrom('notification_logs').select('log_id').where('log_id', 'in', logIds).where('user_id', '=', userId).where('channel', '=', 'in-app').execute();
  return rows.map((r) => r.log_id);
}

/** Marks the user's visible in-app items (all, or these ids) read or seen; returns how many changed. */
export async function markInAppFeed(db: Db, userId: string, what: 'read' | 'seen', logIds: string[] | 'all'): Promise<number> {
  const column = what === 'read' ? 'read_at' : 'seen_at';
  let q = db
    .updateTable('notification_logs')
    .set(what === 'read' ? { read_at: sql`coalesce(read_at, now())`, seen_at: sql`coalesce(seen_at, now())`, status: sql`CASE WHEN status IN ('sent', 'delivered') THEN 'read' ELSE status END` } : { seen_at: sql`coalesce(seen_at, now())` })
    .where('user_id', '=', userId)
    .where('channel', '=', 'in-app')
    .where('status', 'in', FEED_STATUSES)
    .where(column, 'is', null);
  if (logIds !== 'all') q = q.where('log_id', 'in', logIds);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
