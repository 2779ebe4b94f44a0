import type { Db } from '../../../db/connect.ts';

/** The stored deliveries of these requests (to tell a replay from a reused requestId), in channel order. */
export async function findRequestsDeliveries(trx: Db, requestIds: string[]) {
  if (!requestIds.length) return [];
  return trx
    .selectFrom('notification_logs')
    .select(['request_id', 'log_id', 'channel', 'request_hash', 'created_at'])
    .where('request_id', 'in', requestIds)
    .orderBy('step')
    .orderBy('log_id')
    .execute();
}
