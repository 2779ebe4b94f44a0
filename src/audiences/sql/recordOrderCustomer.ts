import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * A placed order makes its buyer the seller's customer, or adds to what they are: one more
 * order, its total to spend, its products and categories, its time to first and last order.
 * A customer known only from an import becomes one known from orders (the imported figures stay,
 * the order adds to them).
 */
export async function recordOrderCustomer(
  db: Db,
  o: { vendorId: string; userId: string; at: Date; total: number | null; currency: string | null; productIds: string[]; categories: string[] },
): Promise<void> {
  await sql`
    INSERT INTO vendor_customers (vendor_id, user_id, first_order_at, last_order_at, order_count, spend, currency, product_ids, categories, source, updated_at)
    VALUES (${o.vendorId}, ${o.userId}, ${o.at.toISOString()}::timestamptz, ${o.at.toISOString()}::timestamptz, 1, ${String(o.total ?? 0)}::numeric,
            ${o.currency}, ARRAY(SELECT DISTINCT p FROM unnest(${o.productIds}::text[]) AS p ORDER BY p),
            ARRAY(SELECT DISTINCT c FROM unnest(${o.categories}::text[]) AS c ORDER BY c), 'orders', now())
    ON CONFLICT (vendor_id, user_id) DO UPDATE SET
      first_order_at = least(vendor_customers.first_order_at, EXCLUDED.first_order_at),
      last_order_at = greatest(vendor_customers.last_order_at, EXCLUDED.last_order_at),
      order_count = vendor_customers.order_count + 1,
      spend = vendor_customers.spend + EXCLUDED.spend,
      currency = coalesce(vendor_customers.currency, EXCLUDED.currency),
      product_ids = ARRAY(SELECT DISTINCT p FROM unnest(vendor_customers.product_ids || EXCLUDED.product_ids) AS p ORDER BY p),
      categories = ARRAY(SELECT DISTINCT c FROM unnest(vendor_customers.categories || EXCLUDED.categories) AS c ORDER BY c),
      source = 'orders',
      updated_at = now()`.execute(db);
}
