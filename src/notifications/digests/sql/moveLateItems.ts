import type { Db } from '../../../db/connect.ts';

/**
 * Items that reached a window after its digest was sent (collected while it was being sent)
 * move to a later window; answers how many moved.
 */
export async function moveLateItems(db: Db, userId: string, key: string, windowEnd: Date, to: Date): Promise<number> {
  const result = await db
    .updateTable('digest_items')
    .set({ window_end: to })
    .where('user_id', '=', userId)
    .where('digest_key', '=', key)
    .where('window_end', '=', windowEnd)
    .where('digest_request_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
