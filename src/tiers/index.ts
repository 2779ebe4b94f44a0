import type { AccessPolicy } from '../access/policy.ts';
import type { Db } from '../db/connect.ts';
import type { App } from '../http/instance.ts';
import { createTierDesk } from './tier-desk.ts';
import { tierRoutes } from './tier-routes.ts';
import type { TierSettings } from './tier-settings.ts';
import { type QuotaKind, createVendorQuotas } from './vendor-quotas.ts';

export type { QuotaKind, VendorQuotas, VendorUsage } from './vendor-quotas.ts';

/**
 * Merchant tiers and quotas: owner of tier_limits, vendor_tiers and vendor_quota_usage. Other
 * modules reserve and release a vendor's units through `quotas`; the notification engine is
 * handed `promotionQuota` (one unit of a promotional email or SMS without a campaign).
 */
export function createTiers({ db, settings, access }: { db: Db; settings: TierSettings; access: AccessPolicy }) {
  const quotas = createVendorQuotas(db, settings);
  const desk = createTierDesk(db, settings);
  return {
    quotas,
    desk,
    /** Takes one unit of a vendor's month for a promotional email or SMS as it is sent: false when none is left. */
    async promotionQuota(vendorId: string, kind: Extract<QuotaKind, 'email' | 'sms'>, at: Date): Promise<{ taken: boolean; limit: number | null; month: string }> {
      const r = await quotas.reserve(db, vendorId, [kind], 1, { at });
      return { taken: r.granted === 1, limit: r.limits[kind], month: r.month };
    },
    register: (app: App) => app.register(tierRoutes, { desk, quotas, access }),
  };
}

export type Tiers = ReturnType<typeof createTiers>;
