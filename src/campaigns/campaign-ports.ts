import type { Audiences } from '../audiences/index.ts';
import type { assignVariant, compareVariants } from '../experiments/index.ts';
import type { FrequencyCaps } from '../notifications/index.ts';
import type { SendTimePlanner } from '../send-times/index.ts';
import type { VendorQuotas as TierQuotas } from '../tiers/index.ts';

/**
 * What the campaigns take from the modules beside them, with the signatures those modules
 * implement (docs/ARCHITECTURE.md, "Campaigns"), taken from those modules as types only: app.ts
 * hands the real ones in, and campaigns never import their implementations.
 */

export type { AudienceRecipient, Audiences, Segment } from '../audiences/index.ts';

export type { QuotaKind } from '../tiers/index.ts';
export type { Reservation as QuotaReservation } from '../tiers/vendor-quotas.ts';
export type { FrequencyCaps } from '../notifications/index.ts';
export type { PlannedSendTime, SendTimePlanner } from '../send-times/index.ts';

/** Reserving and giving back units of a vendor's monthly quota (the tiers module). */
export type VendorQuotas = Pick<TierQuotas, 'reserve' | 'release'>;

/** A stable variant per user (a hash of the experiment key and the user id). */
export type AssignVariant = typeof assignVariant;

/** Compares two variants' success rates. */
export type CompareVariants = typeof compareVariants;

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
