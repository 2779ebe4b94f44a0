import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MarketplaceOrdersTable } from '../../../db/schema.ts';

/** An order's new status and milestones (and its shipment, when the step brings one); answers the updated row. */
export async function advanceOrder(
  trx: Db,
  orderId: string,
  step: {
    status: string;
    paidAt: Date | null;
    shippedAt: Date | null;
    deliveredAt: Date | null;
    cancelledAt: Date | null;
    refundedAt: Date | null;
    disputedAt: Date | null;
    reviewRequestId: string | null;
    shipment?: { carrier: string; trackingNumber: string; trackingUrl?: string };
  },
): Promise<Selectable<MarketplaceOrdersTable>> {
  return trx
    .updateTable('marketplace_orders')
    .set({
      status: step.status,
      paid_at: step.paidAt,
      shipped_at: step.shippedAt,
      delivered_at: step.deliveredAt,
      cancelled_at: step.cancelledAt,
      refunded_at: step.refundedAt,
      disputed_at: step.disputedAt,
      review_request_id: step.reviewRequestId,
      ...(step.shipment
        ? { carrier: step.shipment.carrier, tracking_number: step.shipment.trackingNumber, tracking_url: step.shipment.trackingUrl ?? null }
        : {}),
      updated_at: new Date(),
    })
    .where('order_id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
