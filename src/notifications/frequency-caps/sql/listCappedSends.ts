import type { Db } from '../../../db/connect.ts';

/** The personal-data export: the notifications counted against a person's frequency caps, oldest first. */
export async function listCappedSends(db: Db, userId: string) {
  return db
    .selectFrom('notification_capped_sends')
    .select(['notification_type', 'request_id', 'counted_at'])
    .where('user_id', '=', userId)
    .orderBy('counted_at')
    .orderBy('request_id')
    .execute();
}
