import type { Db } from '../../../db/connect.ts';

export interface NewDigestItem {
  itemId: string;
  userId: string;
  key: string;
  windowEnd: Date;
  channel: string;
  sourceId: string;
  recipient: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** Records items; one recorded before (a delivery claimed again after its worker died) is left as it is. Answers how many are new. */
export async function insertDigestItems(db: Db, items: NewDigestItem[]): Promise<number> {
  if (!items.length) return 0;
  const rows = await db
    .insertInto('digest_items')
    .values(
      items.map((i) => ({
        item_id: i.itemId,
        user_id: i.userId,
        digest_key: i.key,
        window_end: i.windowEnd,
        channel: i.channel,
        source_id: i.sourceId,
        recipient: JSON.stringify(i.recipient),
        content: JSON.stringify(i.content),
      })),
    )
    .onConflict((oc) => oc.column('item_id').doNothing())
    .returning('item_id')
    .execute();
  return rows.length;
}
