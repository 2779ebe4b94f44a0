import type { Db } from '../../db/connect.ts';

/** Which of these users are the vendor's customers already. */
export async function findCustomerIds(db: Db, vendorId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('vendor_customers').select('user_id').where('vendor_id', '=', vendorId).where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}
