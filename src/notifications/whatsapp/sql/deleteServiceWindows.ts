import type { Db } from '../../../db/connect.ts';

/** Forgets when these numbers last wrote (erasure); answers how many were known. */
export async function deleteServiceWindows(db: Db, addresses: string[]): Promise<number> {
  if (!addresses.length) return 0;
  const result = await db.deleteFrom('whatsapp_service_windows').where('address', 'in', addresses).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
