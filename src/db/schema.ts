import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

import type { DigestTables } from './schema-digests.ts';
import type { CampaignTables } from './schema-campaigns.ts';
import type { EmailReplyAddressesTable, PushActionUsesTable, WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable, WhatsAppServiceWindowsTable } from './schema-integrations.ts';
import type { VendorCustomersTable } from './schema-audiences.ts';
import type { TierTables } from './schema-tiers.ts';

export type { EmailReplyAddressesTable, PushActionUsesTable, WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable, WhatsAppServiceWindowsTable };


export interface ConversationsTable {
  id: string;
  conversation_type: Generated<string>;
  order_id: string | null;
  product_id: string | null;
  listing_id: string | null;
  inquiry_buyer_id: string | null;
  subject: string | null;
  context_metadata: Json;
  is_automated: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_message_at: Date | null;
  last_message_seq: Generated<number>;
  converted_order_id: string | null;
  converted_at: Date | null;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  role: string;
  joined_at: Timestamp;
  last_read_seq: Generated<number>;
  last_delivered_seq: Generated<number>;
  unread_count: Generated<number>;
  archived_at: Date | null;
  reminder_due_at: Date | null;
  reminded_seq: Generated<number>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  message_type: string;
  content_encrypted: Uint8Array | null;
  key_id: string | null;
  search_tokens: Generated<string[]>;
  payload: Json | null;
  metadata: Json;
  client_message_id: string | null;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
  is_automated: Generated<boolean>;
  /** Contact details found when written: {phone, email, link} counts; null when none. */
  masking: Json | null;
}

export interface MessageAttachmentsTable {
  id: string;
  conversation_id: string;
  message_id: string | null;
  uploader_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  /** Video and voice only: playing time read from the bytes at upload. */
  duration_ms: number | null;
  created_at: Timestamp;
}

export interface MigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface NotificationLogsTable {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: string;
  notification_type: string;
  status: string;
  send_time: Timestamp;
  delivery_time: Date | null;
  external_message_id: string | null;
  error_code: string | null;
  error_message: string | null;
  metadata: Json | null;
  created_at: Timestamp;
  priority: number;
  due_at: Timestamp;
  attempts: Generated<number>;
  max_retries: number;
  step: Generated<number>;
  provider: string | null;
  request_hash: string;
  recipient: Json;
  content: Json;
  history: Json;
  seen_at: Date | null;
  opened_at: Date | null;
  read_at: Date | null;
  clicked_at: Date | null;
}

/**
 * The http(s) links of a tracked email (migration 009), in the order they appear: its click links
 * name (log_id, link_index) and redirect only to the url stored here. Owner: notifications/deliveries.
 */
export interface NotificationLinksTable {
  log_id: string;
  link_index: number;
  url: string;
}

/**
 * Every click on a delivery (migration 009; owner: notifications/deliveries): an email's tracked
 * link followed (source `email_link`, with link_index and url), or a click an app reported for a
 * push or in-app notification (source `app`; link_index and url null unless named). `machine`
 * marks clicks judged a machine's (machine_reason: head_request, scanner_agent, too_soon,
 * link_sweep); a person's first click is also notification_logs.clicked_at, a machine's never.
 */
export interface NotificationClicksTable {
  click_id: string;
  log_id: string;
  link_index: number | null;
  url: string | null;
  source: string;
  machine: boolean;
  machine_reason: string | null;
  user_agent: string | null;
  clicked_at: Timestamp;
}

/**
 * Every open of a delivery (migration 009; owner: notifications/deliveries): an email's pixel
 * fetched (source `email_pixel`) or an open an app reported (`app`). `machine` as for clicks
 * (machine_reason: head_request, privacy_proxy, scanner_agent, too_soon); a person's first open is
 * also notification_logs.opened_at, a machine's never.
 */
export interface NotificationOpensTable {
  open_id: string;
  log_id: string;
  source: string;
  machine: boolean;
  machine_reason: string | null;
  user_agent: string | null;
  opened_at: Timestamp;
}

export interface PromotionalConsentsTable {
  consent_id: string;
  user_id: string;
  vendor_id: string | null;
  channel: string;
  granted: boolean;
  source: string;
  text_shown: string | null;
  ip_address: string | null;
  user_agent: string | null;
  recorded_at: Timestamp;
}

export interface UserPreferencesTable {
  user_id: string;
  preferences: Json;
  updated_at: Timestamp;
}

export interface DeviceTokensTable {
  user_id: string;
  device_id: string;
  token: string;
  platform: string;
  last_used: Timestamp;
  created_at: Timestamp;
}

export interface NotificationDailyCountsTable {
  user_id: string;
  day: string;
  request_ids: string[];
}

/** A request of a capped notification type counted against a user's frequency caps. */
export interface NotificationCappedSendsTable {
  user_id: string;
  notification_type: string;
  request_id: string;
  counted_at: Timestamp;
}

export interface AddressSuppressionsTable {
  channel: string;
  address: string;
  reason: string;
  log_id: string | null;
  created_at: Timestamp;
  added_by: string | null;
  note: string | null;
  reported_at: Timestamp | null;
  suppression_id: Generated<string>;
}

export interface SuppressionEventsTable {
  event_id: string;
  channel: string;
  address: string;
  action: string;
  reason: string;
  actor: string;
  note: string | null;
  created_at: Timestamp;
}

export interface NotificationTemplatesTable {
  template_id: string;
  template_key: string;
  channel: string;
  locale: string;
  content: Json;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserContactsTable {
  user_id: string;
  name: string | null;
  email: string | null;
  phone_number: string | null;
  locale: string | null;
  updated_at: Timestamp;
}

export interface MarketplaceOrdersTable {
  order_id: string;
  buyer_id: string;
  seller_id: string;
  status: string;
  conversation_id: string;
  currency: string | null;
  /** numeric: read back as a string. */
  total: ColumnType<string | null, number | string | null, number | string | null>;
  items: Json;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  placed_at: Timestamp;
  paid_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  refunded_at: Date | null;
  disputed_at: Date | null;
  review_request_id: string | null;
  updated_at: Timestamp;
  /** How the order is fulfilled ('delivery', 'local_pickup'); null when the marketplace did not say. */
  fulfilment: string | null;
}

export interface ContactRevealRulesTable {
  /** Always 1: one rule for the marketplace. */
  id: Generated<number>;
  order_statuses: string[];
  fulfilment: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface OrderEventsTable {
  event_id: string;
  order_id: string;
  event_type: string;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
  payload: Json;
  payload_hash: string;
  message_id: string | null;
  source: string;
}

export interface MessageTemplatesTable {
  id: string;
  seller_id: string;
  name: string;
  content: string;
  category: string | null;
  shortcut: string | null;
  variables: Generated<string[]>;
  usage_count: Generated<number>;
  last_used_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuickRepliesTable {
  id: string;
  seller_id: string;
  content: string;
  triggers: Generated<string[]>;
  category: string | null;
  usage_count: Generated<number>;
  last_used_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputesTable {
  id: string;
  conversation_id: string;
  order_id: string | null;
  opened_by: string;
  reason: string;
  status: string;
  moderator_id: string | null;
  opened_at: Timestamp;
  queued_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  resolution_note: string | null;
  history: Json;
  updated_at: Timestamp;
}

export interface OrderRatingsTable {
  order_id: string;
  conversation_id: string;
  buyer_id: string;
  seller_id: string;
  requested_because: string | null;
  requested_at: Date | null;
  request_message_id: string | null;
  rating: number | null;
  comment: string | null;
  rated_at: Date | null;
}

export interface ConversationFlagsTable {
  id: string;
  conversation_id: string;
  reason: string;
  score: number | null;
  detail: Json;
  flagged_at: Timestamp;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

export interface ConversationAnalyticsTable {
  conversation_id: string;
  seller_id: string | null;
  buyer_id: string | null;
  conversation_type: string;
  last_processed_seq: Generated<number>;
  buyer_messages: Generated<number>;
  seller_messages: Generated<number>;
  first_buyer_message_at: Date | null;
  first_response_seconds: number | null;
  pending_since: Date | null;
  responses: Generated<number>;
  response_seconds_total: Generated<number>;
  responses_within_24h: Generated<number>;
  late_responses: Generated<number>;
  /** [{score, comparative}] of the latest buyer messages, oldest first. */
  sentiment_recent: ColumnType<unknown, string | undefined, string>;
  updated_at: Timestamp;
}

export interface ConversationResponsesTable {
  conversation_id: string;
  asked_seq: number;
  seller_id: string;
  asked_at: Timestamp;
  answered_at: Date | null;
  response_seconds: number | null;
  is_first: Generated<boolean>;
}

export interface ConversationDailyStatsTable {
  conversation_id: string;
  day: ColumnType<string, string, string>;
  seller_id: string | null;
  buyer_messages: Generated<number>;
  seller_messages: Generated<number>;
}

export interface UserErasuresTable {
  erasure_id: string;
  user_key: string;
  pseudonym: string;
  requested_by_role: string;
  requested_by: string | null;
  requested_at: Timestamp;
  last_run_at: Timestamp;
  runs: Generated<number>;
  counts: Json;
  pending_files: Generated<string[]>;
}

export interface ServiceHeartbeatsTable {
  /** A minute (its start) in which at least one Parley process was up and could write. */
  minute: Timestamp;
}

export interface Database extends CampaignTables, TierTables, DigestTables {
  email_reply_addresses: EmailReplyAddressesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  service_heartbeats: ServiceHeartbeatsTable;
  push_action_uses: PushActionUsesTable;
  whatsapp_service_windows: WhatsAppServiceWindowsTable;
  user_erasures: UserErasuresTable;
  notification_logs: NotificationLogsTable;
  notification_links: NotificationLinksTable;
  notification_clicks: NotificationClicksTable;
  notification_opens: NotificationOpensTable;
  promotional_consents: PromotionalConsentsTable;
  user_preferences: UserPreferencesTable;
  device_tokens: DeviceTokensTable;
  notification_daily_counts: NotificationDailyCountsTable;
  notification_capped_sends: NotificationCappedSendsTable;
  address_suppressions: AddressSuppressionsTable;
  suppression_events: SuppressionEventsTable;
  notification_templates: NotificationTemplatesTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  parley_migrations: MigrationsTable;
  user_contacts: UserContactsTable;
  marketplace_orders: MarketplaceOrdersTable;
  order_events: OrderEventsTable;
  message_templates: MessageTemplatesTable;
  quick_replies: QuickRepliesTable;
  disputes: DisputesTable;
  conversation_flags: ConversationFlagsTable;
  conversation_analytics: ConversationAnalyticsTable;
  conversation_responses: ConversationResponsesTable;
  conversation_daily_stats: ConversationDailyStatsTable;
  contact_reveal_rules: ContactRevealRulesTable;
  order_ratings: OrderRatingsTable;
  vendor_customers: VendorCustomersTable;
}
