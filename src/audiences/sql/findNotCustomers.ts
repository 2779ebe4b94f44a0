import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Which of these user ids are not customers of the vendor. */
export async function findNotCustomers(db: Db, vendorId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const result = await sql<{ user_id: string }>`
    SELECT u.user_id FROM unnest(${userIds}::text[]) AS u(user_id)
     WHERE NOT EXISTS (SELECT 1 FROM vendor_customers vc WHERE vc.vendor_id = ${vendorId} AND vc.user_id = u.user_id)`.execute(db);
  return result.rows.map((r) => r.user_id);
}
