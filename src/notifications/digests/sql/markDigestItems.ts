import type { Db } from '../../../db/connect.ts';

/** Marks items as carried by a digest (only those not carried yet); answers how many it marked. */
export async function markDigestItems(db: Db, itemIds: string[], requestId: string): Promise<number> {
  if (!itemIds.length) return 0;
  const result = await db.updateTable('digest_items').set({ digest_request_id: requestId }).where('item_id', 'in', itemIds).where('digest_request_id', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
