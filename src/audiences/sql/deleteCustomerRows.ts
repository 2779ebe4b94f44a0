import type { Db } from '../../db/connect.ts';

/**
 * Erasure: a person stops being anyone's customer (the rows are marketing figures about them,
 * nobody else needs them), and an erased seller's customer list goes too (it serves only that
 * seller's promotions). Rows removed.
 */
export async function deleteCustomerRows(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('vendor_customers').where((eb) => eb.or([eb('user_id', '=', userId), eb('vendor_id', '=', userId)])).executeTakeFirst();
  return Number(result.numDeletedRows);
}
