import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Adds a conversation's counted messages to its days (UTC), creating the days it lacks. */
export async function addConversationDailyStats(
  trx: Db,
  conversationId: string,
  sellerId: string,
  perDay: Iterable<[string, { buyerMessages: number; sellerMessages: number }]>,
): Promise<void> {
  await trx
    .insertInto('conversation_daily_stats')
    .values([...perDay].map(([day, c]) => ({ conversation_id: conversationId, day, seller_id: sellerId, buyer_messages: c.buyerMessages, seller_messages: c.sellerMessages })))
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'day']).doUpdateSet({
        seller_id: sellerId,
        buyer_messages: sql`conversation_daily_stats.buyer_messages + excluded.buyer_messages`,
        seller_messages: sql`conversation_daily_stats.seller_messages + excluded.seller_messages`,
      }),
    )
    .execute();
}
