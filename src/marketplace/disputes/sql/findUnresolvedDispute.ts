import type { Db } from '../../../db/connect.ts';

/** The id of a conversation's dispute in one of the unresolved `statuses`, if it has one. */
export async function findUnresolvedDispute(db: Db, conversationId: string, statuses: readonly string[]) {
  return db.selectFrom('disputes').select('id').where('conversation_id', '=', conversationId).where('status', 'in', statuses).executeTakeFirst();
}
