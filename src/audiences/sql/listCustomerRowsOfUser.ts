import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { VendorCustomersTable } from '../../db/schema-audiences.ts';

/** The export: what the vendors a person bought from (or was imported by) hold about them as a customer. */
export async function listCustomerRowsOfUser(db: Db, userId: string): Promise<Selectable<VendorCustomersTable>[]> {
  return db.selectFrom('vendor_customers').selectAll().where('user_id', '=', userId).orderBy('vendor_id').execute();
}
