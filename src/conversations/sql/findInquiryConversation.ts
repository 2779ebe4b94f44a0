import type { Db } from '../../db/connect.ts';
import { conversationColumns, type ConversationRow } from './conversationColumns.ts';

/** A buyer's product inquiry (one per buyer and product). */
export async function findInquiryConversation(db: Db, productId: string, buyerId: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations as c')
    .select(conversationColumns)
    .where('c.conversation_type', '=', 'product_inquiry')
    .where('c.product_id', '=', productId)
    .where('c.inquiry_buyer_id', '=', buyerId)
    .executeTakeFirst();
}
