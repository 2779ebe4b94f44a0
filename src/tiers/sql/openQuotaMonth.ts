import type { Db } from '../../db/connect.ts';
import { QUOTA_KINDS } from '../tier-settings.ts';

/** Creates a vendor's usage rows of a month (0 used, every kind) where they do not exist yet. */
export async function openQuotaMonth(db: Db, vendorId: string, month: string): Promise<void> {
  await db
    .insertInto('vendor_quota_usage')
    .values(QUOTA_KINDS.map((kind) => ({ vendor_id: vendorId, month, kind, used: 0 })))
    .onConflict((oc) => oc.columns(['vendor_id', 'month', 'kind']).doNothing())
    .execute();
}
