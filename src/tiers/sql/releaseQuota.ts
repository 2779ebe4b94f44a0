import type { Db } from '../../db/connect.ts';
import type { QuotaKind } from '../tier-settings.ts';
import { sql } from 'kysely';

/** Gives back units of a vendor's month (never below 0), in one statement. */
export async function releaseQuota(db: Db, vendorId: string, month: string, kinds: QuotaKind[], count: number): Promise<void> {
  if (kinds.length === 0 || count <= 0) return;
  await db
    .updateTable('vendor_quota_usage')
    .set({ used: sql`GREATEST(0, used - ${count}::int)` })
    .where('vendor_id', '=', vendorId)
    .where('month', '=', month)
    .where('kind', 'in', kinds)
    .execute();
}
