import type { Db } from '../../../db/connect.ts';

/** Inside the caller's transaction: an order, locked until it commits, if Parley knows it. */
export async function lockOrder(trx: Db, orderId: string) {
  return trx.selectFrom('marketplace_orders').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}
