import type { Db } from '../../db/connect.ts';

/** What the marketplace names a conversation by and fills its templates from: its type, order, product, listing, subject and context. */
export async function findConversationSummary(db: Db, conversationId: string) {
  return db
    .selectFrom('conversations')
    .select(['conversation_type', 'order_id', 'product_id', 'listing_id', 'subject', 'context_metadata', 'converted_order_id'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
}
