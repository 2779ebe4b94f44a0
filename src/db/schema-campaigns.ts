import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

/** The tables of campaigns (src/campaigns, migration 027). */

export interface CampaignsTable {
  campaign_id: string;
  vendor_id: string;
  name: string;
  created_by: string;
  idempotency_key: string | null;
  request_hash: string;
  definition: Json;
  /** scheduled, running, paused, awaiting_winner, finished, cancelled. */
  status: string;
  paused_from: string | null;
  run_number: Generated<number>;
  next_run_at: Timestamp | null;
  cursor_user_id: string | null;
  expansion_done: Generated<boolean>;
  held_cursor_user_id: string | null;
  held_done: Generated<boolean>;
  next_slot_at: Timestamp | null;
  last_send_at: Timestamp | null;
  lease_until: Timestamp | null;
  quota_month: string | null;
  quota_kinds: Generated<string[]>;
  quota_reserved: Generated<number>;
  quota_used: Generated<number>;
  winner: string | null;
  winner_declared_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface CampaignRecipientsTable {
  campaign_id: string;
  run_number: number;
  user_id: string;
  channel: string;
  variant: string | null;
  request_id: string | null;
  /** accepted, held, skipped, cancelled. */
  state: string;
  reason: string | null;
  send_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignTables {
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
}
