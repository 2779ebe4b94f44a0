import type { Db } from '../../../db/connect.ts';

/** Drops what the analytics job took in for these conversations; its next run counts them again. */
export async function forgetConversationAnalytics(db: Db, conversationIds: readonly string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await db.deleteFrom('conversation_responses').where('conversation_id', 'in', conversationIds).execute();
  await db.deleteFrom('conversation_daily_stats').where('conversation_id', 'in', conversationIds).execute();
  await db.deleteFrom('conversation_analytics').where('conversation_id', 'in', conversationIds).execute();
}
