import type { Generated } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** The audiences' table: a vendor's customers (src/audiences). */
export interface VendorCustomersTable {
  /** The seller's user id. */
  vendor_id: string;
  user_id: string;
  first_order_at: Timestamp | null;
  last_order_at: Timestamp | null;
  /** Orders not cancelled or refunded. */
  order_count: Generated<number>;
  /** numeric(14, 2): the sum of those orders' totals. */
  spend: Generated<string>;
  currency: string | null;
  product_ids: Generated<string[]>;
  categories: Generated<string[]>;
  /** 'orders' or 'import'. */
  source: string;
  updated_at: Generated<Date>;
}
