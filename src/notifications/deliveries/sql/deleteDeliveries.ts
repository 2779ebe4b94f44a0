import type { Db } from '../../../db/connect.ts';

/** Removes deliveries written in this transaction that turned out to belong to a conflicting request. */
export async function deleteDeliveries(trx: Db, logIds: string[]): Promise<void> {
  if (!logIds.length) return;
  await trx.deleteFrom('notification_logs').where('log_id', 'in', logIds).execute();
}
