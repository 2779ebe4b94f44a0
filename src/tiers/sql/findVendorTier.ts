import type { Db } from '../../db/connect.ts';

export interface VendorTierRow {
  vendor_id: string;
  tier: string;
  time_zone: string;
  custom_limits: unknown;
  updated_at: Date;
}

/** A vendor's tier, time zone and own limits, if anyone placed it in a tier. */
export async function findVendorTier(db: Db, vendorId: string): Promise<VendorTierRow | undefined> {
  const row = await db.selectFrom('vendor_tiers').selectAll().where('vendor_id', '=', vendorId).executeTakeFirst();
  return row && { ...row, updated_at: new Date(row.updated_at) };
}
