import type { Db } from '../../../db/connect.ts';

/**
 * Orders placed from one seller in [from, to): who and when, for a campaign's conversions (its
 * recipients who ordered after their message), read from the seller's side so the work follows
 * the orders placed, not the recipients messaged.
 */
export async function listOrdersFromSeller(db: Db, sellerId: string, range: { from: Date; to: Date }) {
  const rows = await db
    .selectFrom('marketplace_orders')
    .select(['order_id', 'buyer_id', 'placed_at'])
    .where('seller_id', '=', sellerId)
    .where('placed_at', '>=', range.from)
    .where('placed_at', '<', range.to)
    .orderBy('placed_at')
    .execute();
  return rows.map((r) => ({ orderId: r.order_id, buyerId: r.buyer_id, placedAt: new Date(r.placed_at) }));
}
