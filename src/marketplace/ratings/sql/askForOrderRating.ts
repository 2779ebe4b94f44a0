import type { Db } from '../../../db/connect.ts';

/**
 * Records that the order's buyer is asked to rate it, unless they were asked (or rated)
 * before: true when this call asked, false when the order had its row already.
 */
export async function askForOrderRating(
  trx: Db,
  r: { orderId: string; conversationId: string; buyerId: string; sellerId: string; because: 'delivered' | 'dispute_resolved'; messageId: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('order_ratings')
    .values({ order_id: r.orderId, conversation_id: r.conversationId, buyer_id: r.buyerId, seller_id: r.sellerId, requested_because: r.because, requested_at: new Date(), request_message_id: r.messageId })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
