import type { Db } from '../../../db/connect.ts';

/** An order's rating row (asked, rated, or both), if it has one. */
export async function findOrderRating(db: Db, orderId: string) {
  return db.selectFrom('order_ratings').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}
