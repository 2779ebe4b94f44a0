import { ConfigError, type Env } from '../env.ts';

/** The kinds of promotional send a vendor's quota counts. */
export const QUOTA_KINDS = ['email', 'sms', 'bulk'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/** The merchant tiers (the specification's pricing table). */
export const TIERS = ['basic', 'standard', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

/** A month's limit per kind: a number of sends, 0 = not allowed, null = unlimited. */
export type TierLimits = Record<QuotaKind, number | null>;

/** The largest limit a tier or vendor may have (it fits the database's integer columns). */
export const MAX_LIMIT = 1_000_000_000;

/**
 * The specification's table: Basic 1,000 emails and 100 SMS a month and no bulk messaging;
 * Standard 10,000 / 1,000 / 5,000; Premium 100,000 / 10,000 / 50,000; Enterprise custom
 * (unlimited until the operator sets its limits or a vendor's own).
 */
export const DEFAULT_TIER_LIMITS: Record<Tier, TierLimits> = {
  basic: { email: 1_000, sms: 100, bulk: 0 },
  standard: { email: 10_000, sms: 1_000, bulk: 5_000 },
  premium: { email: 100_000, sms: 10_000, bulk: 50_000 },
  enterprise: { email: null, sms: null, bulk: null },
};

export const TIER_NAMES: Record<Tier, string> = { basic: 'Basic', standard: 'Standard', premium: 'Premium', enterprise: 'Enterprise' };

export interface TierSettings {
  /** The limits of each tier: the specification's, with PARLEY_TIERS over them. */
  limits: Record<Tier, TierLimits>;
  /** The tiers PARLEY_TIERS changed (the catalogue says where a limit comes from). */
  configured: Tier[];
  /** The tier of a vendor nobody placed in one (PARLEY_DEFAULT_TIER, default basic). */
  defaultTier: Tier;
}

export const isTier = (value: string): value is Tier => (TIERS as readonly string[]).includes(value);

/** Whether a limit is one Parley can hold: a whole number from 0 to MAX_LIMIT, or null (unlimited). */
export const isLimit = (value: unknown): value is number | null => value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LIMIT);

/**
 * PARLEY_TIERS: JSON over the specification's limits, such as
 * {"standard":{"email":20000},"enterprise":{"email":1000000,"sms":null}} (null: unlimited, 0: not
 * allowed). PARLEY_DEFAULT_TIER: the tier of vendors nobody placed in one.
 */
export function loadTierSettings(env: Env): TierSettings {
  const limits = Object.fromEntries(TIERS.map((t) => [t, { ...DEFAULT_TIER_LIMITS[t] }])) as Record<Tier, TierLimits>;
  const configured: Tier[] = [];
  const raw = env.PARLEY_TIERS?.trim();
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError('PARLEY_TIERS', 'is not JSON: give an object by tier, such as {"standard":{"email":20000,"sms":2000,"bulk":10000}}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError('PARLEY_TIERS', 'must be a JSON object by tier, such as {"standard":{"email":20000}}');
    }
    for (const [tier, given] of Object.entries(parsed)) {
      if (!isTier(tier)) throw new ConfigError('PARLEY_TIERS', `names the tier "${tier}", which does not exist: the tiers are ${TIERS.join(', ')}`);
      if (typeof given !== 'object' || given === null || Array.isArray(given)) {
        throw new ConfigError('PARLEY_TIERS', `${tier}: give an object of limits by kind (${QUOTA_KINDS.join(', ')}), such as {"email":20000}`);
      }
      for (const [kind, value] of Object.entries(given)) {
        if (!(QUOTA_KINDS as readonly string[]).includes(kind)) throw new ConfigError('PARLEY_TIERS', `${tier}: "${kind}" is not a kind of send; the kinds are ${QUOTA_KINDS.join(', ')}`);
        if (!isLimit(value)) throw new ConfigError('PARLEY_TIERS', `${tier}.${kind}: a limit is a whole number from 0 (not allowed) to ${MAX_LIMIT}, or null (unlimited), got ${JSON.stringify(value)}`);
        limits[tier][kind as QuotaKind] = value;
      }
      configured.push(tier);
    }
  }
  const defaultTier = (env.PARLEY_DEFAULT_TIER?.trim() || 'basic').toLowerCase();
  if (!isTier(defaultTier)) throw new ConfigError('PARLEY_DEFAULT_TIER', `"${env.PARLEY_DEFAULT_TIER}" is not a tier: use one of ${TIERS.join(', ')}`);
  return { limits, configured, defaultTier };
}
