import type { Db } from '../../db/connect.ts';

/** A sender's newest message with content in a conversation, not deleted. */
export async function findLatestMessageFrom(db: Db, conversationId: string, senderId: string): Promise<{ id: string; seq: number } | undefined> {
  return db
    .selectFrom('messages')
    .select(['id', 'seq'])
    .where('conversation_id', '=', conversationId)
    .where('sender_id', '=', senderId)
    .where('deleted_at', 'is', null)
    .where('content_encrypted', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
