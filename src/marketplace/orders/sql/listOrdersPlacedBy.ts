import type { Db } from '../../../db/connect.ts';

/**
 * Orders placed in [from, to) by these buyers (with `sellerId`, from that seller only): who and
 * when, for the conversions of promotional messages (GET /kpis).
 */
export async function listOrdersPlacedBy(db: Db, buyerIds: string[], range: { from: Date; to: Date; sellerId?: string }) {
  if (buyerIds.length === 0) return [];
  let q = db
    .selectFrom('marketplace_orders')
    .select(['order_id', 'buyer_id', 'placed_at'])
    .where('buyer_id', 'in', buyerIds)
    .where('placed_at', '>=', range.from)
    .where('placed_at', '<', range.to);
  if (range.sellerId !== undefined) q = q.where('seller_id', '=', range.sellerId);
  const rows = await q.orderBy('placed_at').execute();
  return rows.map((r) => ({ orderId: r.order_id, buyerId: r.buyer_id, placedAt: new Date(r.placed_at) }));
}
