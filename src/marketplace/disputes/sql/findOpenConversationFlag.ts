import type { Db } from '../../../db/connect.ts';

/** One flag of a conversation that no moderator has reviewed yet, if any. */
export async function findOpenConversationFlag(db: Db, conversationId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('conversation_flags').select('id').where('conversation_id', '=', conversationId).where('reviewed_at', 'is', null).executeTakeFirst();
}
