import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ConsentRecord } from '../consent-shapes.ts';
import { toRecord } from './insertConsents.ts';

/**
 * The latest consent row per (user, vendor, channel) for these users: their consent as it
 * stands. With `vendorId` (null: the marketplace's own), only that vendor's.
 */
export async function findCurrentConsents(db: Db, userIds: string[], vendorId?: string | null): Promise<ConsentRecord[]> {
  if (userIds.length === 0) return [];
  let query = db
    .selectFrom('promotional_consents')
    .selectAll()
    .distinctOn(['user_id', sql`coalesce(vendor_id, '')`, 'channel'])
    .where('user_id', 'in', userIds);
  if (vendorId !== undefined) query = vendorId === null ? query.where('vendor_id', 'is', null) : query.where('vendor_id', '=', vendorId);
  const rows = await query
    .orderBy('user_id')
    .orderBy(sql`coalesce(vendor_id, '')`)
    .orderBy('channel')
    .orderBy('recorded_at', 'desc')
    .orderBy('consent_id', 'desc')
    .execute();
  return rows.map(toRecord);
}
