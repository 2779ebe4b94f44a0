import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/**
 * A page of a conversation's messages, up to `limit + 1` (the extra one says there is more):
 * after a sequence number ascending, otherwise the newest first (before one, if given).
 */
export async function listMessagesPage(db: Db, conversationId: string, page: { before?: number; after?: number; limit: number }): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').select(messageColumns).where('conversation_id', '=', conversationId).limit(page.limit + 1);
  if (page.after !== undefined) query = query.where('seq', '>', page.after).orderBy('seq', 'asc');
  else query = query.orderBy('seq', 'desc');
  if (page.before !== undefined) query = query.where('seq', '<', page.before);
  return query.execute();
}
