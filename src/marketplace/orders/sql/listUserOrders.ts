import type { Db } from '../../../db/connect.ts';

/** The orders a user is the buyer or the seller of, by order id after `afterId`, up to `limit` (a personal-data export pages through them). */
export async function listUserOrders(db: Db, userId: string, afterId: string | undefined, limit: number) {
  let q = db
    .selectFrom('marketplace_orders')
    .selectAll()
    .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]));
  if (afterId !== undefined) q = q.where('order_id', '>', afterId);
  return q.orderBy('order_id', 'asc').limit(limit).execute();
}
