import type { Db } from '../../db/connect.ts';
import type { QuotaKind } from '../tier-settings.ts';

/** What a vendor used of a month, per kind (kinds never used: 0). */
export async function findQuotaUsage(db: Db, vendorId: string, month: string): Promise<Record<QuotaKind, number>> {
  const rows = await db.selectFrom('vendor_quota_usage').select(['kind', 'used']).where('vendor_id', '=', vendorId).where('month', '=', month).execute();
  const used: Record<QuotaKind, number> = { email: 0, sms: 0, bulk: 0 };
  for (const r of rows) used[r.kind as QuotaKind] = Number(r.used);
  return used;
}
