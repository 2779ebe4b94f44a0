import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Product inquiries with a seller (with `sellerId`, that seller) created since `since`, and
 * those that led to an order.
 */
export async function countProductInquiries(db: Db, sellerId: string | null, since: Date): Promise<{ inquiries: number; converted: number }> {
  const seller = sellerId !== null ? sql`AND p.user_id = ${sellerId}` : sql``;
  const result = await sql<{ inquiries: number; converted: number }>`
      SELECT count(*)::int AS inquiries, count(c.converted_order_id)::int AS converted
        FROM conversations c
       WHERE c.conversation_type = 'product_inquiry' AND c.created_at >= ${since}
         AND EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.role = 'seller' ${seller})`.execute(db);
  return result.rows[0]!;
}
