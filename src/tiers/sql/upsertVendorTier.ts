import type { Db } from '../../db/connect.ts';
import type { VendorTierRow } from './findVendorTier.ts';

/** Places a vendor in a tier, with its time zone and (enterprise only) its own limits. */
export async function upsertVendorTier(
  db: Db,
  vendor: { vendorId: string; tier: string; timeZone: string; customLimits: Record<string, number | null> | null },
  now = new Date(),
): Promise<VendorTierRow> {
  const values = { tier: vendor.tier, time_zone: vendor.timeZone, custom_limits: vendor.customLimits ? JSON.stringify(vendor.customLimits) : null, updated_at: now };
  const row = await db
    .insertInto('vendor_tiers')
    .values({ vendor_id: vendor.vendorId, ...values })
    .onConflict((oc) => oc.column('vendor_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, updated_at: new Date(row.updated_at) };
}
