import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { OrderRatingsTable } from '../../../db/schema.ts';

/**
 * The buyer's rating of an order, written once: into the row the request made, or a new row
 * when they were not asked. Undefined when the order was rated already (nothing is changed).
 */
export async function rateOrder(
  db: Db,
  r: { orderId: string; conversationId: string; buyerId: string; sellerId: string; rating: number; comment: string | null },
): Promise<Selectable<OrderRatingsTable> | undefined> {
  const now = new Date();
  return db
    .insertInto('order_ratings')
    .values({ order_id: r.orderId, conversation_id: r.conversationId, buyer_id: r.buyerId, seller_id: r.sellerId, rating: r.rating, comment: r.comment, rated_at: now })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({ rating: r.rating, comment: r.comment, rated_at: now })
        .where('order_ratings.rating', 'is', null),
    )
    .returningAll()
    .executeTakeFirst();
}
