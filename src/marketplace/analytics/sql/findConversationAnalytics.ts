import type { Db } from '../../../db/connect.ts';

/** A conversation's analytics row, if the job has taken it in. */
export async function findConversationAnalytics(db: Db, conversationId: string) {
  return db.selectFrom('conversation_analytics').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
}
