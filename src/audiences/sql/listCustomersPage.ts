import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { VendorCustomersTable } from '../../db/schema-audiences.ts';

/** A page of a vendor's customers by user id, after `afterUserId`; `limit + 1` rows so the caller knows whether more follow. */
export async function listCustomersPage(db: Db, vendorId: string, page: { afterUserId?: string; limit: number }): Promise<Selectable<VendorCustomersTable>[]> {
  let query = db.selectFrom('vendor_customers').selectAll().where('vendor_id', '=', vendorId);
  if (page.afterUserId !== undefined) query = query.where('user_id', '>', page.afterUserId);
  return query.orderBy('user_id').limit(page.limit + 1).execute();
}
