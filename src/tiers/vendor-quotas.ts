import type { Db } from '../db/connect.ts';
import { invalid } from '../errors.ts';
import { monthIn, monthResetsAt } from './quota-month.ts';
import { findQuotaUsage } from './sql/findQuotaUsage.ts';
import { findVendorTier } from './sql/findVendorTier.ts';
import { listTierLimits } from './sql/listTierLimits.ts';
import { openQuotaMonth } from './sql/openQuotaMonth.ts';
import { releaseQuota } from './sql/releaseQuota.ts';
import { takeQuota } from './sql/takeQuota.ts';
import { QUOTA_KINDS, type QuotaKind, type Tier, type TierLimits, type TierSettings, isTier } from './tier-settings.ts';

export type { QuotaKind };

/** A vendor's month: its tier, and per kind what it used, its limit and what remains (null: unlimited). */
export interface VendorUsage {
  vendorId: string;
  tier: Tier;
  timeZone: string;
  /** 'YYYY-MM' on the vendor's clock. */
  month: string;
  /** When the month ends on the vendor's clock, and the quota starts again from 0. */
  resetsAt: string;
  kinds: Record<QuotaKind, { used: number; limit: number | null; remaining: number | null }>;
}

export interface Reservation {
  granted: number;
  month: string;
  remaining: Record<QuotaKind, number | null>;
  limits: Record<QuotaKind, number | null>;
  tier: string;
}

export interface VendorQuotas {
  /** Atomically (one statement, safe across nodes) takes `count` units of each kind listed from this
   * calendar month (vendor's time zone). All or nothing, or with upTo as many as fit (maybe 0). */
  reserve(executor: Db, vendorId: string, kinds: QuotaKind[], count: number, options?: { upTo?: boolean; at?: Date }): Promise<Reservation>;
  /** Gives back units not used (cancelled or capped campaign sends), same month. */
  release(executor: Db, vendorId: string, month: string, kinds: QuotaKind[], count: number): Promise<void>;
  usage(vendorId: string, at?: Date): Promise<VendorUsage>;
}

/** A vendor's place: its tier, its clock, and the limits that apply to it. */
export interface VendorPlacement {
  vendorId: string;
  tier: Tier;
  timeZone: string;
  /** An enterprise vendor's own limits (the kinds it names); null: the tier's. */
  customLimits: Partial<TierLimits> | null;
  limits: TierLimits;
  /** Whether an operator placed it; false: the default tier, in UTC. */
  placed: boolean;
}

/** Limits by kind as stored in JSON: only known kinds with valid values count. */
export function limitsFrom(value: unknown): Partial<TierLimits> {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const out: Partial<TierLimits> = {};
  if (parsed && typeof parsed === 'object') {
    for (const kind of QUOTA_KINDS) {
      const v = (parsed as Record<string, unknown>)[kind];
      if (v === null || typeof v === 'number') out[kind] = v;
    }
  }
  return out;
}

/**
 * The limits of every tier as they stand: the specification's, PARLEY_TIERS over them, the
 * operator's (PUT /tiers/{tier}, stored in tier_limits) over those.
 */
export async function tierLimits(db: Db, settings: TierSettings): Promise<Record<Tier, TierLimits & { changedAt: Date | null }>> {
  const stored = await listTierLimits(db);
  const out = {} as Record<Tier, TierLimits & { changedAt: Date | null }>;
  for (const tier of Object.keys(settings.limits) as Tier[]) out[tier] = { ...settings.limits[tier], changedAt: null };
  for (const row of stored) if (isTier(row.tier)) out[row.tier] = { ...out[row.tier], ...limitsFrom(row.limits), changedAt: row.updated_at };
  return out;
}

/** Where a vendor stands: its tier (or the default), time zone and limits. */
export async function placementOf(db: Db, settings: TierSettings, vendorId: string): Promise<VendorPlacement> {
  const [row, tiers] = await Promise.all([findVendorTier(db, vendorId), tierLimits(db, settings)]);
  const tier: Tier = row && isTier(row.tier) ? row.tier : settings.defaultTier;
  const customLimits = row?.custom_limits ? limitsFrom(row.custom_limits) : null;
  const { changedAt: _changedAt, ...base } = tiers[tier];
  return { vendorId, tier, timeZone: row?.time_zone ?? 'UTC', customLimits, limits: { ...base, ...(tier === 'enterprise' ? customLimits ?? {} : {}) }, placed: Boolean(row) };
}

const remainingOf = (limit: number | null, used: number) => (limit === null ? null : Math.max(0, limit - used));

/** The quotas of vendors' promotional sends: owner of vendor_quota_usage (and reader of the tiers). */
export function createVendorQuotas(db: Db, settings: TierSettings): VendorQuotas {
  return {
    async reserve(executor, vendorId, kinds, count, options = {}) {
      if (!Number.isInteger(count) || count < 0) throw invalid('invalid_quota_count', `A reservation takes a whole number of units, 0 or more; got ${count}.`);
      const asked = [...new Set(kinds)].filter((k) => (QUOTA_KINDS as readonly string[]).includes(k));
      const place = await placementOf(executor, settings, vendorId);
      const month = monthIn(options.at ?? new Date(), place.timeZone);
      let taken = await takeQuota(executor, vendorId, month, asked, count, place.limits, options.upTo ?? false);
      if (!taken.opened) {
        // The month's first reservation: its rows are created (by whichever process comes first), then taken from.
        await openQuotaMonth(executor, vendorId, month);
        taken = await takeQuota(executor, vendorId, month, asked, count, place.limits, options.upTo ?? false);
      }
      const remaining = Object.fromEntries(QUOTA_KINDS.map((k) => [k, remainingOf(place.limits[k], taken.used[k])])) as Record<QuotaKind, number | null>;
      return { granted: asked.length ? taken.granted : count, month, remaining, limits: place.limits, tier: place.tier };
    },

    async release(executor, vendorId, month, kinds, count) {
      if (!Number.isInteger(count) || count < 0) throw invalid('invalid_quota_count', `Give back a whole number of units, 0 or more; got ${count}.`);
      await releaseQuota(executor, vendorId, month, [...new Set(kinds)], count);
    },

    async usage(vendorId, at = new Date()) {
      const place = await placementOf(db, settings, vendorId);
      const month = monthIn(at, place.timeZone);
      const used = await findQuotaUsage(db, vendorId, month);
      const kinds = Object.fromEntries(QUOTA_KINDS.map((k) => [k, { used: used[k], limit: place.limits[k], remaining: remainingOf(place.limits[k], used[k]) }])) as VendorUsage['kinds'];
      return { vendorId, tier: place.tier, timeZone: place.timeZone, month, resetsAt: monthResetsAt(at, place.timeZone).toISOString(), kinds };
    },
  };
}
