import type { Db } from '../../../db/connect.ts';
import { milestonesOf, statusOf } from '../order-state.ts';

/** Inside the caller's transaction: an order's dispute is over, so the order shows the step it had reached again. */
export async function endOrderDispute(trx: Db, orderId: string): Promise<void> {
  const order = await trx.selectFrom('marketplace_orders').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  if (!order?.disputed_at) return;
  const status = statusOf({ ...milestonesOf(order), disputedAt: null });
  await trx.updateTable('marketplace_orders').set({ disputed_at: null, status, updated_at: new Date() }).where('order_id', '=', orderId).execute();
}
