import type { Db } from '../../db/connect.ts';

/** The order a conversation belongs to (null when none); throws when the conversation is not there. */
export async function findConversationOrderId(db: Db, conversationId: string) {
  return db.selectFrom('conversations').select('order_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
}
