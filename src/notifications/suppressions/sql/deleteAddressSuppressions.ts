import type { Db } from '../../../db/connect.ts';

/** Erasure: forgets suppressions of a person's addresses (Parley keeps no address of theirs to send to afterwards). Rows removed. */
export async function deleteAddressSuppressions(db: Db, addresses: string[]): Promise<number> {
  if (addresses.length === 0) return 0;
  const result = await db.deleteFrom('address_suppressions').where('address', 'in', addresses).executeTakeFirst();
  return Number(result.numDeletedRows);
}
