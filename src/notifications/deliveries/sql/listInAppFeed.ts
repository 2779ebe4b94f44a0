import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { FEED_STATUSES } from '../delivery-types.ts';

/** The user's in-app items, newest first, before the (created_at, log_id) `before` when given. */
export async function listInAppFeed(db: Db, userId: string, query: { unread?: boolean; before?: { at: Date; logId: string }; limit: number }) {
  let q = db
    .selectFrom('notification_logs')
    .select(['log_id', 'request_id', 'notification_type', 'content', 'created_at', 'seen_at', 'read_at', 'opened_at'])
    .where('user_id', '=', userId)
    .where('channel', '=', 'in-app')
    .where('status', 'in', FEED_STATUSES)
    .orderBy('created_at', 'desc')
    .orderBy('log_id', 'desc')
    .limit(query.limit);
  if (query.unread) q = q.where('read_at', 'is', null);
  if (query.before) q = q.where(sql<boolean>`(created_at, log_id) < (${query.before.at}, ${query.before.logId}::uuid)`);
  return q.execute();
}
