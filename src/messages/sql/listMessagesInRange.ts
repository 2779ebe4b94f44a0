import type { Db } from '../../db/connect.ts';

/** A conversation's messages with sequence numbers in (after, upTo], in order, at most `limit`; with their sealed content. */
export async function listMessagesInRange(db: Db, conversationId: string, after: number, upTo: number, limit: number) {
  return db
    .selectFrom('messages')
    .select(['seq', 'sender_id', 'is_automated', 'created_at', 'content_encrypted', 'key_id'])
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
