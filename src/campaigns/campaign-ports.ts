import type { Db } from '../db/connect.ts';
import type { Audiences } from '../audiences/index.ts';
import type { NotificationType } from '../notifications/model.ts';

/**
 * What the campaigns take from the modules beside them, with the signatures those modules
 * implement (docs/ARCHITECTURE.md, "Campaigns"). app.ts hands the real ones in; campaigns
 * never import those modules' implementations.
 */

export type { AudienceRecipient, Audiences, Segment } from '../audiences/index.ts';

export type QuotaKind = 'email' | 'sms' | 'bulk';

export interface QuotaReservation {
  granted: number;
  month: string;
  remaining: Record<QuotaKind, number | null>;
  limits: Record<QuotaKind, number | null>;
  tier: string;
}

export interface VendorQuotas {
  /** Atomically takes `count` units of each kind listed from this calendar month (vendor's time zone); all or nothing, or with upTo as many as fit. */
  reserve(executor: Db, vendorId: string, kinds: QuotaKind[], count: number, options?: { upTo?: boolean; at?: Date }): Promise<QuotaReservation>;
  /** Gives back units not used (cancelled or capped campaign sends), same month. */
  release(executor: Db, vendorId: string, month: string, kinds: QuotaKind[], count: number): Promise<void>;
}

export interface FrequencyCaps {
  /** The users of this list who would be over their cap for this notification type at `at`. */
  cappedUsers(userIds: string[], notificationType: NotificationType, at?: Date): Promise<Set<string>>;
}

export type PlannedSendTime = { at: Date; reason: string; source: 'own' | 'audience' | 'default' };

export interface SendTimePlanner {
  /** Each user's next best hour from `from` (within horizonHours, default 168). */
  plan(userIds: string[], options: { from: Date; horizonHours?: number }): Promise<Map<string, PlannedSendTime>>;
}

/** A stable variant per user (a hash of the experiment key and the user id). */
export type AssignVariant = (experimentKey: string, userId: string, variants: Array<{ name: string; percent: number }>) => string;

export type VariantComparison = { method: 'two-proportion z-test'; z: number; pValue: number; significant: boolean; rateA: number; rateB: number; lift: number | null };

/** Compares two variants' success rates. */
export type CompareVariants = (a: { sent: number; successes: number }, b: { sent: number; successes: number }, options?: { alpha?: number }) => VariantComparison;

/** How a user is reached and named (the marketplace's contacts). */
export type ContactLookup = (userIds: string[]) => Promise<Map<string, { name: string | null; email: string | null; phoneNumber: string | null; locale: string | null }>>;

/** Who currently consents to a vendor's promotions, per channel (the consent log). */
export type ConsentLookup = (userIds: string[], vendorId: string) => Promise<Map<string, Set<string>>>;

export interface CampaignPorts {
  audiences: Audiences;
  quotas: VendorQuotas;
  caps: FrequencyCaps;
  planner: SendTimePlanner;
  assignVariant: AssignVariant;
  compareVariants: CompareVariants;
  contacts: ContactLookup;
  consents: ConsentLookup;
}
