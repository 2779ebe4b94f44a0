import type { Db } from '../../../db/connect.ts';

/** Creates a conversation's analytics row with its seller, buyer and type, unless it has one. */
export async function ensureConversationAnalytics(
  trx: Db,
  conversationId: string,
  identity: { seller_id: string; buyer_id: string | null; conversation_type: string },
): Promise<void> {
  await trx
    .insertInto('conversation_analytics')
    .values({ conversation_id: conversationId, ...identity })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
}
