import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface ImportedCustomer {
  userId: string;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  spend: number;
  currency: string | null;
  productIds: string[];
  categories: string[];
}

/**
 * A vendor's imported customers, in one statement. A new one is stored as given (source
 * import); one imported before takes the new figures; one known from orders keeps the figures
 * its orders made.
 */
export async function importCustomerRows(db: Db, vendorId: string, rows: ImportedCustomer[]): Promise<void> {
  if (rows.length === 0) return;
  // Lists per row travel as JSON (unnest cannot take an array of arrays of different lengths).
  const col = <T>(f: (r: ImportedCustomer) => T) => rows.map(f);
  await sql`
    INSERT INTO vendor_customers (vendor_id, user_id, first_order_at, last_order_at, order_count, spend, currency, product_ids, categories, source, updated_at)
    SELECT ${vendorId}, u.user_id, u.first_order_at::timestamptz, u.last_order_at::timestamptz, u.order_count::integer, u.spend::numeric, u.currency,
           ARRAY(SELECT DISTINCT p FROM jsonb_array_elements_text(u.product_ids::jsonb) AS p ORDER BY p),
           ARRAY(SELECT DISTINCT c FROM jsonb_array_elements_text(u.categories::jsonb) AS c ORDER BY c), 'import', now()
      FROM unnest(${col((r) => r.userId)}::text[], ${col((r) => r.firstOrderAt)}::text[], ${col((r) => r.lastOrderAt)}::text[],
                  ${col((r) => String(r.orderCount))}::text[], ${col((r) => String(r.spend))}::text[], ${col((r) => r.currency)}::text[],
                  ${col((r) => JSON.stringify(r.productIds))}::text[], ${col((r) => JSON.stringify(r.categories))}::text[])
           AS u(user_id, first_order_at, last_order_at, order_count, spend, currency, product_ids, categories)
    ON CONFLICT (vendor_id, user_id) DO UPDATE SET
      first_order_at = EXCLUDED.first_order_at,
      last_order_at = EXCLUDED.last_order_at,
      order_count = EXCLUDED.order_count,
      spend = EXCLUDED.spend,
      currency = EXCLUDED.currency,
      product_ids = EXCLUDED.product_ids,
      categories = EXCLUDED.categories,
      updated_at = now()
     WHERE vendor_customers.source = 'import'`.execute(db);
}
