import type { Db } from '../../../db/connect.ts';

/**
 * Marks a window sent, in the transaction that accepts its digest. False when it was already:
 * another worker sent it, or is sending it (this insert waits on its row until that commits).
 */
export async function claimDigestWindow(db: Db, userId: string, key: string, windowEnd: Date, requestId: string, itemCount: number): Promise<boolean> {
  const rows = await db
    .insertInto('digest_windows')
    .values({ user_id: userId, digest_key: key, window_end: windowEnd, request_id: requestId, item_count: itemCount })
    .onConflict((oc) => oc.columns(['user_id', 'digest_key', 'window_end']).doNothing())
    .returning('request_id')
    .execute();
  return rows.length === 1;
}
