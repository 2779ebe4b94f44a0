import type { Db } from '../db/connect.ts';
import { invalid } from '../errors.ts';
import { isTimeZone } from './quota-month.ts';
import { findVendorTier } from './sql/findVendorTier.ts';
import { upsertTierLimits } from './sql/upsertTierLimits.ts';
import { upsertVendorTier } from './sql/upsertVendorTier.ts';
import { MAX_LIMIT, QUOTA_KINDS, TIERS, TIER_NAMES, type Tier, type TierLimits, type TierSettings, isLimit, isTier } from './tier-settings.ts';
import { type VendorPlacement, placementOf, tierLimits } from './vendor-quotas.ts';

type LimitsBody = Partial<Record<string, number | null>>;

function tierOf(value: string): Tier {
  const tier = value.trim().toLowerCase();
  if (!isTier(tier)) throw invalid('unknown_tier', `There is no tier "${value}": the tiers are ${TIERS.join(', ')}.`);
  return tier;
}

function checkedLimits(body: LimitsBody, field: string): Partial<TierLimits> {
  const out: Partial<TierLimits> = {};
  for (const [kind, value] of Object.entries(body)) {
    if (!(QUOTA_KINDS as readonly string[]).includes(kind)) throw invalid('unknown_quota_kind', `${field}.${kind}: the kinds of send are ${QUOTA_KINDS.join(', ')}.`);
    if (typeof value === 'number' && value < 0) throw invalid('negative_limit', `${field}.${kind} is ${value}: a limit is 0 (not allowed) or more, or null for unlimited.`);
    if (value === undefined) continue;
    if (!isLimit(value)) throw invalid('invalid_limit', `${field}.${kind}: a limit is a whole number from 0 to ${MAX_LIMIT}, or null for unlimited.`);
    out[kind as keyof TierLimits] = value;
  }
  return out;
}

/** What the tier API does: the catalogue, an operator's change to a tier, a vendor placed in one. Access is checked by the routes. */
export function createTierDesk(db: Db, settings: TierSettings) {
  const view = (p: VendorPlacement, updatedAt: Date | null) => ({
    vendorId: p.vendorId,
    tier: p.tier,
    timeZone: p.timeZone,
    customLimits: p.customLimits,
    limits: p.limits,
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  });

  return {
    async catalogue() {
      const limits = await tierLimits(db, settings);
      return {
        defaultTier: settings.defaultTier,
        tiers: TIERS.map((tier) => {
          const { changedAt, ...kinds } = limits[tier];
          const source = changedAt ? 'operator' : settings.configured.includes(tier) ? 'environment' : 'specification';
          return { tier, name: TIER_NAMES[tier], limits: kinds, source, changedAt: changedAt ? changedAt.toISOString() : null };
        }),
      };
    },

    /** Changes a tier's limits (the kinds given; the others stay), persisted over the environment's. */
    async setTier(tierName: string, body: LimitsBody) {
      const tier = tierOf(tierName);
      const given = checkedLimits(body, 'limits');
      const { changedAt: _c, ...current } = (await tierLimits(db, settings))[tier];
      await upsertTierLimits(db, tier, { ...current, ...given });
      return (await this.catalogue()).tiers.find((t) => t.tier === tier)!;
    },

    /** Places a vendor in a tier with its time zone; an enterprise vendor may have its own limits. */
    async placeVendor(vendorId: string, body: { tier: string; timeZone?: string; limits?: LimitsBody | null }) {
      const tier = tierOf(body.tier);
      const custom = body.limits ? checkedLimits(body.limits, 'limits') : null;
      if (custom && tier !== 'enterprise') {
        throw invalid('custom_limits_enterprise_only', `Only enterprise vendors have limits of their own; ${tier} has the tier's limits (change them with PUT /tiers/${tier}), or place the vendor in enterprise.`);
      }
      const existing = await findVendorTier(db, vendorId);
      const timeZone = body.timeZone?.trim() || existing?.time_zone || 'UTC';
      if (!isTimeZone(timeZone)) throw invalid('unknown_time_zone', `"${body.timeZone}" is not a time zone Parley knows: give an IANA name such as Europe/Berlin or America/New_York.`);
      const row = await upsertVendorTier(db, { vendorId, tier, timeZone, customLimits: custom && Object.keys(custom).length ? (custom as Record<string, number | null>) : null });
      return view(await placementOf(db, settings, vendorId), row.updated_at);
    },
  };
}

export type TierDesk = ReturnType<typeof createTierDesk>;
