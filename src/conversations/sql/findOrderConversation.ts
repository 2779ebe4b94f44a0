import type { Db } from '../../db/connect.ts';
import { conversationColumns, type ConversationRow } from './conversationColumns.ts';

/** The conversation of an order (there is at most one). */
export async function findOrderConversation(db: Db, orderId: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations as c').select(conversationColumns).where('c.conversation_type', '=', 'order').where('c.order_id', '=', orderId).executeTakeFirst();
}
