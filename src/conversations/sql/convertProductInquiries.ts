import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Marks converted the product inquiries an order converts: those of its buyer, with its seller,
 * about one of its products or listings, begun within `windowDays` before it was placed and not
 * converted yet. Answers their ids.
 */
export async function convertProductInquiries(
  trx: Db,
  order: { orderId: string; buyerId: string; sellerId: string; placedAt: Date; productIds: string[]; listingIds: string[]; windowDays: number },
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    UPDATE conversations c
       SET converted_order_id = ${order.orderId}, converted_at = ${order.placedAt}, updated_at = now()
     WHERE c.conversation_type = 'product_inquiry' AND c.inquiry_buyer_id = ${order.buyerId} AND c.converted_order_id IS NULL
       AND (c.product_id = ANY(${order.productIds}::text[]) OR c.listing_id = ANY(${order.listingIds}::text[]))
       AND c.created_at >= ${order.placedAt}::timestamptz - make_interval(days => ${order.windowDays})
       AND c.created_at <= greatest(${order.placedAt}::timestamptz, now())
       AND EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.user_id = ${order.sellerId} AND p.role = 'seller')
 RETURNING c.id`.execute(trx);
  return rows.map((r) => r.id);
}
