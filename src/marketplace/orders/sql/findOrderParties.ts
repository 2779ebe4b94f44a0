import type { Db } from '../../../db/connect.ts';

/** An order's buyer and seller, once Parley has its events. */
export async function findOrderParties(db: Db, orderId: string): Promise<{ buyerId: string; sellerId: string } | undefined> {
  const row = await db.selectFrom('marketplace_orders').select(['buyer_id', 'seller_id']).where('order_id', '=', orderId).executeTakeFirst();
  return row ? { buyerId: row.buyer_id, sellerId: row.seller_id } : undefined;
}
