import type { Db } from '../../db/connect.ts';

/** Every participant of a conversation with their role, in the order they joined (then by role and user id). */
export async function listParticipantRoles(db: Db, conversationId: string): Promise<{ user_id: string; role: string }[]> {
  return db
    .selectFrom('conversation_participants')
    .select(['user_id', 'role'])
    .where('conversation_id', '=', conversationId)
    .orderBy('joined_at')
    .orderBy('role')
    .orderBy('user_id')
    .execute();
}
