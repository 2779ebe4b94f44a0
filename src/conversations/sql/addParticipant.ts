import type { Db } from '../../db/connect.ts';

/** Adds a participant; false when they already take part. */
export async function addParticipant(db: Db, conversationId: string, participant: { userId: string; role: string }): Promise<boolean> {
  const added = await db
    .insertInto('conversation_participants')
    .values({ conversation_id: conversationId, user_id: participant.userId, role: participant.role })
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return added !== undefined;
}
