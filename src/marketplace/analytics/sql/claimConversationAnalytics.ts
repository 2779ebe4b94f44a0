import type { Db } from '../../../db/connect.ts';

/**
 * A conversation's analytics row, locked for the rest of the transaction (FOR UPDATE SKIP
 * LOCKED); undefined when another worker holds it.
 */
export async function claimConversationAnalytics(trx: Db, conversationId: string) {
  return trx.selectFrom('conversation_analytics').selectAll().where('conversation_id', '=', conversationId).forUpdate().skipLocked().executeTakeFirst();
}
