import type { Db } from '../../../db/connect.ts';

/** The events taken for an order, oldest first. */
export async function listOrderEvents(db: Db, orderId: string) {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('occurred_at').orderBy('recorded_at').execute();
}
