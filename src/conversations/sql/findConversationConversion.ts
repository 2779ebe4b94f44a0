import type { Db } from '../../db/connect.ts';

/** A conversation's type and the order it led to (throws when there is no such conversation). */
export async function findConversationConversion(db: Db, conversationId: string) {
  return db.selectFrom('conversations').select(['conversation_type', 'converted_order_id']).where('id', '=', conversationId).executeTakeFirstOrThrow();
}
