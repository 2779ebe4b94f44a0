import type { Db } from '../../db/connect.ts';

/**
 * The participants of conversations with their marks and their names (from the contacts the
 * marketplace gave Parley, PUT /users/:userId/contact), in the order they joined.
 */
export async function listParticipants(db: Db, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return (
    db
      .selectFrom('conversation_participants as p')
      .leftJoin('user_contacts as uc', 'uc.user_id', 'p.user_id')
      .select(['p.conversation_id', 'p.user_id', 'p.role', 'p.last_read_seq', 'p.last_delivered_seq', 'p.unread_count', 'p.archived_at', 'uc.name'])
      .where('p.conversation_id', 'in', conversationIds)
      // Participants added together share joined_at: role and id make the order stable.
      .orderBy('p.joined_at')
      .orderBy('p.role')
      .orderBy('p.user_id')
      .execute()
  );
}
