import type { Db } from '../../db/connect.ts';

/**
 * Sends an endpoint's deliveries again (same event, same webhook-id): those created since
 * `since`, only the failed ones or every one; each gets a fresh retry schedule. Answers how many.
 */
export async function replayEndpointDeliveries(db: Db, endpointId: string, since: Date, onlyFailed: boolean): Promise<number> {
  let query = db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(), delivered_at: null })
    .where('endpoint_id', '=', endpointId)
    .where('created_at', '>=', since);
  query = onlyFailed ? query.where('status', '=', 'failed') : query.where('status', '!=', 'pending');
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
