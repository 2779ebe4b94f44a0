import { type Env, int } from '../env.ts';

export interface CampaignSettings {
  /** Recipients expanded per transaction (PARLEY_CAMPAIGN_BATCH). */
  batchSize: number;
  /** How often a worker looks for campaigns with work due (PARLEY_CAMPAIGN_POLL_MS). */
  pollMs: number;
  /** How far ahead of its send slots a paced batch is expanded (PARLEY_CAMPAIGN_LEAD_SECONDS): what a pause still lets out. */
  leadSeconds: number;
  /** A worker's claim on a campaign; one that dies leaves it to the next worker after this (PARLEY_CAMPAIGN_LEASE_SECONDS). */
  leaseSeconds: number;
  /** Days after a campaign's message in which an order from the vendor counts as its conversion (PARLEY_CAMPAIGN_CONVERSION_DAYS). */
  conversionDays: number;
  /**
   * The share of a worker's time, in percent, that expanding may take while it has work
   * (PARLEY_CAMPAIGN_EXPANSION_SHARE): after a step it rests as long again as the share leaves,
   * so the expansion of a large campaign without a pace leaves cores to the rest.
   */
  expansionShare: number;
}

export function loadCampaignSettings(env: Env): CampaignSettings {
  return {
    batchSize: int(env, 'PARLEY_CAMPAIGN_BATCH', 1000, 1, 10_000),
    pollMs: int(env, 'PARLEY_CAMPAIGN_POLL_MS', 1000, 10, 3_600_000),
    leadSeconds: int(env, 'PARLEY_CAMPAIGN_LEAD_SECONDS', 60, 0, 3600),
    leaseSeconds: int(env, 'PARLEY_CAMPAIGN_LEASE_SECONDS', 120, 1, 3600),
    conversionDays: int(env, 'PARLEY_CAMPAIGN_CONVERSION_DAYS', 7, 1, 90),
    expansionShare: int(env, 'PARLEY_CAMPAIGN_EXPANSION_SHARE', 50, 1, 100),
  };
}
