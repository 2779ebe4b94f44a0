import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

/** The tables of the integrations: reply by email, push actions, WhatsApp windows, event webhooks. */

export interface EmailReplyAddressesTable {
  address_key: string;
  conversation_id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface PushActionUsesTable {
  /** The action token's id (the notification delivery it was sent with). */
  token_id: string;
  /** reply, mark-read or confirm-receipt. */
  action: string;
  used_at: Generated<Timestamp>;
}

export interface WhatsAppServiceWindowsTable {
  /** The number in E.164. */
  address: string;
  /** When the number last wrote to the business: free text may go to it for 24 hours after. */
  last_inbound_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookEndpointsTable {
  endpoint_id: string;
  /** null: the marketplace's endpoint (every event); otherwise the seller whose events it gets. */
  seller_id: string | null;
  url: string;
  description: string | null;
  event_types: string[];
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookEventsTable {
  event_id: string;
  event_type: string;
  seller_id: string | null;
  payload: Json;
  occurred_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  last_detail: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}
