import type { Db } from '../../db/connect.ts';

/** Each participant's read and delivery marks in a conversation (what a message's status is made of). */
export async function listReceipts(db: Db, conversationId: string) {
  return db
    .selectFrom('conversation_participants')
    .select(['user_id', 'role', 'last_read_seq', 'last_delivered_seq'])
    .where('conversation_id', '=', conversationId)
    .execute();
}
