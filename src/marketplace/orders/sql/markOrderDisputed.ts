import type { Db } from '../../../db/connect.ts';

/**
 * Inside the caller's transaction: marks an order disputed when it is paid and neither refunded
 * nor cancelled (locking it first). Answers its review request id, to withdraw, if it has one.
 */
export async function markOrderDisputed(trx: Db, orderId: string): Promise<{ reviewRequestId: string | null } | undefined> {
  const order = await trx.selectFrom('marketplace_orders').select(['paid_at', 'refunded_at', 'cancelled_at', 'review_request_id']).where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  if (!order) return undefined;
  if (order.paid_at && !order.refunded_at && !order.cancelled_at) {
    await trx.updateTable('marketplace_orders').set({ disputed_at: new Date(), status: 'disputed', updated_at: new Date() }).where('order_id', '=', orderId).execute();
  }
  return { reviewRequestId: order.review_request_id };
}
