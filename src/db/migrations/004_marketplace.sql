-- Marketplace messaging: orders and their events, seller templates and quick replies,
-- disputes, moderation flags, contact masking, unread reminders and analytics.

-- Messages: automated ones are marked (they never count as a seller's response), and contact
-- details found when a message is written are counted, so views know what to mask and
-- moderators can see who tries to take a sale off the platform.
ALTER TABLE messages ADD COLUMN is_automated boolean NOT NULL DEFAULT false;
-- {"phone": n, "email": n, "link": n}; null when the content holds no contact details.
ALTER TABLE messages ADD COLUMN masking jsonb;
CREATE INDEX messages_masked ON messages (created_at) WHERE masking IS NOT NULL;

-- Unread reminders: set when a message arrives for a participant with nothing unread yet,
-- cleared when they read; a worker sends one summary when it falls due. reminded_seq is the
-- last sequence a reminder covered, so an unread streak is reminded of once.
ALTER TABLE conversation_participants ADD COLUMN reminder_due_at timestamptz;
ALTER TABLE conversation_participants ADD COLUMN reminded_seq bigint NOT NULL DEFAULT 0;
CREATE INDEX conversation_participants_reminder ON conversation_participants (reminder_due_at)
  WHERE reminder_due_at IS NOT NULL;

-- Product inquiries that led to an order.
ALTER TABLE conversations ADD COLUMN converted_order_id text;
ALTER TABLE conversations ADD COLUMN converted_at timestamptz;
CREATE INDEX conversations_inquiries_by_buyer ON conversations (inquiry_buyer_id, created_at)
  WHERE conversation_type = 'product_inquiry';

-- How to reach a user outside the app. The marketplace owns its users: it sends these with
-- order events or sets them directly; Parley keeps no passwords and no profiles.
CREATE TABLE user_contacts (
  user_id varchar(255) PRIMARY KEY,
  name varchar(200),
  email varchar(320),
  phone_number varchar(20),
  locale varchar(35),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Parley's view of an order, built from its events: its state, its conversation, its tracking.
CREATE TABLE marketplace_orders (
  order_id text PRIMARY KEY,
  buyer_id varchar(255) NOT NULL,
  seller_id varchar(255) NOT NULL,
  status varchar(32) NOT NULL
    CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'disputed')),
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  currency char(3),
  total numeric(14, 2),
  items jsonb NOT NULL DEFAULT '[]'::jsonb,
  carrier varchar(100),
  tracking_number varchar(100),
  tracking_url text,
  placed_at timestamptz NOT NULL,
  paid_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  refunded_at timestamptz,
  disputed_at timestamptz,
  -- The scheduled review-request notification, cancelled by a refund or a dispute.
  review_request_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marketplace_orders_buyer ON marketplace_orders (buyer_id, placed_at);
CREATE INDEX marketplace_orders_seller ON marketplace_orders (seller_id, placed_at);

-- Every order event taken, once (event_id is the marketplace's idempotency key).
CREATE TABLE order_events (
  event_id varchar(128) PRIMARY KEY,
  order_id text NOT NULL,
  event_type varchar(32) NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL,
  payload_hash char(64) NOT NULL,
  -- The system message the event posted into the order's conversation.
  message_id uuid,
  source varchar(16) NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, occurred_at);

-- A seller's saved responses, with {{variables}} filled from the conversation.
CREATE TABLE message_templates (
  id uuid PRIMARY KEY,
  seller_id varchar(255) NOT NULL,
  name varchar(100) NOT NULL,
  content text NOT NULL,
  category varchar(32),
  shortcut varchar(32),
  variables text[] NOT NULL DEFAULT '{}',
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_templates_seller ON message_templates (seller_id, name);
CREATE UNIQUE INDEX message_templates_shortcut ON message_templates (seller_id, shortcut) WHERE shortcut IS NOT NULL;

-- Short replies a seller offers for buyer messages matching their trigger words.
CREATE TABLE quick_replies (
  id uuid PRIMARY KEY,
  seller_id varchar(255) NOT NULL,
  content text NOT NULL,
  triggers text[] NOT NULL DEFAULT '{}',
  category varchar(32),
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quick_replies_seller ON quick_replies (seller_id, created_at);

-- Disputes: a conversation escalated to moderators.
CREATE TABLE disputes (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  order_id text,
  opened_by varchar(255) NOT NULL,
  reason text NOT NULL,
  status varchar(32) NOT NULL
    CHECK (status IN ('open', 'awaiting_seller', 'awaiting_buyer', 'under_review', 'resolved_refund', 'resolved_no_refund', 'closed')),
  moderator_id varchar(255),
  opened_at timestamptz NOT NULL DEFAULT now(),
  -- Set when it went to the moderation queue, unresolved after the configured time.
  queued_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  resolution_note text,
  -- [{at, by, status, note?}]
  history jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One unresolved dispute per conversation at a time.
CREATE UNIQUE INDEX disputes_one_active ON disputes (conversation_id)
  WHERE status NOT IN ('resolved_refund', 'resolved_no_refund', 'closed');
CREATE INDEX disputes_unresolved ON disputes (opened_at)
  WHERE status NOT IN ('resolved_refund', 'resolved_no_refund', 'closed');
CREATE INDEX disputes_status ON disputes (status, opened_at);

-- Conversations moderators should look at (a buyer turning negative, say).
CREATE TABLE conversation_flags (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  reason varchar(32) NOT NULL,
  score real,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Milliseconds, as list cursors carry them.
  flagged_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  reviewed_at timestamptz,
  reviewed_by varchar(255),
  review_note text
);
CREATE UNIQUE INDEX conversation_flags_open ON conversation_flags (conversation_id, reason) WHERE reviewed_at IS NULL;
CREATE INDEX conversation_flags_recent ON conversation_flags (flagged_at);

-- Analytics, precomputed in batches from the messages: per conversation, per buyer question
-- (when it was asked, when the seller answered), and per conversation and day.
CREATE TABLE conversation_analytics (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  seller_id varchar(255),
  buyer_id varchar(255),
  conversation_type varchar(32) NOT NULL,
  -- Messages up to this sequence number are counted.
  last_processed_seq bigint NOT NULL DEFAULT 0,
  buyer_messages integer NOT NULL DEFAULT 0,
  seller_messages integer NOT NULL DEFAULT 0,
  first_buyer_message_at timestamptz,
  first_response_seconds integer,
  -- The first buyer message the seller has not answered yet.
  pending_since timestamptz,
  responses integer NOT NULL DEFAULT 0,
  response_seconds_total bigint NOT NULL DEFAULT 0,
  responses_within_24h integer NOT NULL DEFAULT 0,
  late_responses integer NOT NULL DEFAULT 0,
  -- Sentiment of the latest buyer messages, oldest first: [{"score": -4, "comparative": -0.5}].
  sentiment_recent jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_analytics_seller ON conversation_analytics (seller_id);

-- One row per buyer question: the first buyer message after the seller's last reply (asked_seq
-- is its sequence number; messages written in one batch may share a timestamp).
CREATE TABLE conversation_responses (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  asked_seq bigint NOT NULL,
  seller_id varchar(255) NOT NULL,
  asked_at timestamptz NOT NULL,
  answered_at timestamptz,
  response_seconds integer,
  is_first boolean NOT NULL DEFAULT false,
  PRIMARY KEY (conversation_id, asked_seq)
);
CREATE INDEX conversation_responses_seller ON conversation_responses (seller_id, asked_at);

CREATE TABLE conversation_daily_stats (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  day date NOT NULL,
  seller_id varchar(255),
  buyer_messages integer NOT NULL DEFAULT 0,
  seller_messages integer NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, day)
);
CREATE INDEX conversation_daily_stats_seller ON conversation_daily_stats (seller_id, day);
