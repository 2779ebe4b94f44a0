import type { Db } from '../../db/connect.ts';

/** Adds a moderator to a conversation, unless they take part already. True when they were added. */
export async function addModeratorParticipant(db: Db, conversationId: string, moderatorId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('conversation_participants')
    .values({ conversation_id: conversationId, user_id: moderatorId, role: 'moderator' })
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return Boolean(inserted);
}
