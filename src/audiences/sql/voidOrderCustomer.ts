import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * A cancelled or refunded order stops counting: one order fewer and its total off spend. The
 * customer stays one, and what they ordered stays listed (they showed interest in it).
 */
export async function voidOrderCustomer(db: Db, o: { vendorId: string; userId: string; total: number | null }): Promise<void> {
  await sql`
    UPDATE vendor_customers
       SET order_count = greatest(order_count - 1, 0),
           spend = greatest(spend - ${String(o.total ?? 0)}::numeric, 0),
           updated_at = now()
     WHERE vendor_id = ${o.vendorId} AND user_id = ${o.userId}`.execute(db);
}
