import type { Db } from '../../../db/connect.ts';

/** When each of these numbers last wrote to the business; numbers that never did are absent. */
export async function findServiceWindows(db: Db, addresses: string[]): Promise<Map<string, Date>> {
  const unique = [...new Set(addresses)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('whatsapp_service_windows').select(['address', 'last_inbound_at']).where('address', 'in', unique).execute();
  return new Map(rows.map((r) => [r.address, new Date(r.last_inbound_at as Date)]));
}
