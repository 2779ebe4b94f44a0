import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Every delivery addressed to a user (each channel, each status), oldest first, after the
 * (created_at, log_id) `after` when given, up to `limit`: a personal-data export pages through them.
 */
export async function listUserDeliveries(db: Db, userId: string, after: { at: Date; logId: string } | undefined, limit: number) {
  let q = db
    .selectFrom('notification_logs')
    .select(['log_id', 'request_id', 'channel', 'notification_type', 'status', 'provider', 'recipient', 'content', 'history', 'attempts', 'error_code', 'error_message', 'created_at', 'send_time', 'due_at', 'delivery_time', 'seen_at', 'opened_at', 'read_at', 'clicked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'asc')
    .orderBy('log_id', 'asc')
    .limit(limit);
  if (after) q = q.where(sql<boolean>`(created_at, log_id) > (${after.at}, ${after.logId}::uuid)`);
  return q.execute();
}
