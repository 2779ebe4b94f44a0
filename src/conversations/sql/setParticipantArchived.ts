import type { Db } from '../../db/connect.ts';

/** Archives (or brings back) a conversation for one participant. */
export async function setParticipantArchived(db: Db, conversationId: string, userId: string, archived: boolean): Promise<void> {
  await db
    .updateTable('conversation_participants')
    .set({ archived_at: archived ? new Date() : null })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute();
}
