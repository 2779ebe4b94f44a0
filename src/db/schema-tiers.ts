import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

/** The tables of merchant tiers and quotas (src/tiers). */

export interface TierLimitsTable {
  tier: string;
  /** The operator's limits by kind (email, sms, bulk); null: unlimited. */
  limits: Json;
  updated_at: Timestamp;
}

export interface VendorTiersTable {
  vendor_id: string;
  tier: string;
  /** IANA time zone: the vendor's months are calendar months on this clock. */
  time_zone: Generated<string>;
  /** An enterprise vendor's own limits by kind; null: the tier's. */
  custom_limits: Json | null;
  updated_at: Timestamp;
}

export interface VendorQuotaUsageTable {
  vendor_id: string;
  /** 'YYYY-MM' in the vendor's time zone. */
  month: string;
  kind: string;
  used: Generated<number>;
}

export interface TierTables {
  tier_limits: TierLimitsTable;
  vendor_tiers: VendorTiersTable;
  vendor_quota_usage: VendorQuotaUsageTable;
}
