import type { Db } from '../../../db/connect.ts';

export interface DigestItemRow {
  item_id: string;
  channel: string;
  source_id: string;
  recipient: Record<string, unknown>;
  content: Record<string, unknown>;
  created_at: Date;
}

/** The items of one window not sent yet, in the order they came. */
export async function listWindowItems(db: Db, userId: string, key: string, windowEnd: Date): Promise<DigestItemRow[]> {
  return db
    .selectFrom('digest_items')
    .select(['item_id', 'channel', 'source_id', 'recipient', 'content', 'created_at'])
    .where('user_id', '=', userId)
    .where('digest_key', '=', key)
    .where('window_end', '=', windowEnd)
    .where('digest_request_id', 'is', null)
    .orderBy('created_at')
    .orderBy('item_id')
    .execute() as unknown as Promise<DigestItemRow[]>;
}
