import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Deliveries that ran out of attempts, oldest first, after the delivery `after` (keyset). */
export async function listDeadLetters(db: Db, query: { channel?: string; after?: string; limit: number }) {
  let q = db.selectFrom('notification_logs').selectAll().where('status', '=', 'dead').orderBy('created_at').orderBy('log_id').limit(query.limit);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.after) {
    const after = query.after;
    q = q.where(sql<boolean>`(created_at, log_id) > (SELECT created_at, log_id FROM notification_logs WHERE log_id = ${after})`);
  }
  return q.execute();
}
