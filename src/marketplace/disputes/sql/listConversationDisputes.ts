import type { Db } from '../../../db/connect.ts';

/** A conversation's disputes, newest first. */
export async function listConversationDisputes(db: Db, conversationId: string) {
  return db.selectFrom('disputes').selectAll().where('conversation_id', '=', conversationId).orderBy('opened_at', 'desc').execute();
}
