import type { Db } from '../../db/connect.ts';

/** A user's participant row in a conversation, if they take part in it. */
export async function findParticipant(db: Db, conversationId: string, userId: string) {
  return db
    .selectFrom('conversation_participants')
    .select(['user_id', 'role', 'last_read_seq', 'last_delivered_seq', 'unread_count', 'archived_at'])
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
