import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MarketplaceOrdersTable } from '../../../db/schema.ts';

/** A placed order's row; undefined when the order is there already. */
export async function insertOrder(
  trx: Db,
  o: { orderId: string; buyerId: string; sellerId: string; conversationId: string; currency: string | null; total: number | null; items: unknown[]; fulfilment: string | null; placedAt: Date },
): Promise<Selectable<MarketplaceOrdersTable> | undefined> {
  return (await trx
    .insertInto('marketplace_orders')
    .values({
      order_id: o.orderId,
      buyer_id: o.buyerId,
      seller_id: o.sellerId,
      status: 'placed',
      conversation_id: o.conversationId,
      currency: o.currency,
      total: o.total,
      items: JSON.stringify(o.items),
      fulfilment: o.fulfilment,
      placed_at: o.placedAt,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returningAll()
    .executeTakeFirst()) as Selectable<MarketplaceOrdersTable> | undefined;
}
