import type { Db } from '../../../db/connect.ts';

/** An order as Parley follows it, if it knows it. */
export async function findOrder(db: Db, orderId: string) {
  return db.selectFrom('marketplace_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}
