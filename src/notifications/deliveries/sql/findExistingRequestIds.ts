import type { Db } from '../../../db/connect.ts';

/** Which of these notification request ids were already accepted (for replays of the event that made them). */
export async function findExistingRequestIds(db: Db, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.selectFrom('notification_logs').select('request_id').distinct().where('request_id', 'in', requestIds).execute();
  return rows.map((r) => r.request_id);
}
