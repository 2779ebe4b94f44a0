-- Notifications. One notification_logs row per (request, channel): it is the delivery, the
-- work queue (status + due_at, claimed with FOR UPDATE SKIP LOCKED) and the log operators read.
-- The seed's columns and indexes come first; the queue and tracking columns follow.
CREATE TABLE notification_logs (
  log_id uuid PRIMARY KEY,
  request_id uuid NOT NULL,
  user_id varchar(255) NOT NULL,
  channel varchar(50) NOT NULL,
  notification_type varchar(50) NOT NULL,
  -- queued | standby (a fallback step) | sending (leased) | sent | delivered | opened | read
  -- | clicked | failed | bounced | skipped | dead | cancelled
  status varchar(50) NOT NULL,
  -- When the delivery is (or was) due to go out; the time of the provider call once sent.
  send_time timestamptz NOT NULL,
  delivery_time timestamptz,
  external_message_id varchar(255),
  error_code varchar(100),
  error_message text,
  -- priority, retries, campaignId and any other request metadata.
  metadata jsonb,
  created_at timestamptz DEFAULT CURRENT_TIMESTAMP,

  -- Queue: claim order is priority then due_at; a leased row's due_at is its lease expiry.
  priority smallint NOT NULL,
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_retries integer NOT NULL,
  -- Fallback chains: step 0 goes first; step n is sent only if no earlier step was delivered.
  step smallint NOT NULL DEFAULT 0,
  provider varchar(64),
  -- sha256 of the canonical request: the same requestId with a different body is a conflict.
  request_hash varchar(64) NOT NULL,
  -- The channel's address and content (literal, or a template reference with data).
  recipient jsonb NOT NULL,
  content jsonb NOT NULL,
  -- Every attempt and status change: [{at, status, provider?, code?, detail?}].
  history jsonb NOT NULL DEFAULT '[]',
  seen_at timestamptz,
  read_at timestamptz,
  clicked_at timestamptz
);

CREATE INDEX idx_notification_logs_user_id ON notification_logs (user_id);
CREATE INDEX idx_notification_logs_send_time ON notification_logs (send_time);
CREATE UNIQUE INDEX notification_logs_request_channel ON notification_logs (request_id, channel);
-- The work queue: only rows still to be sent are in it.
CREATE INDEX notification_logs_queue ON notification_logs (priority DESC, due_at)
  WHERE status IN ('queued', 'standby', 'sending');
CREATE INDEX notification_logs_dead ON notification_logs (created_at) WHERE status = 'dead';

CREATE TABLE user_preferences (
  user_id varchar(255) PRIMARY KEY,
  preferences jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device_tokens (
  user_id varchar(255) NOT NULL,
  device_id varchar(255) NOT NULL,
  token text NOT NULL,
  platform varchar(16) NOT NULL,
  last_used timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_id)
);

-- Promotional notifications counted against a user's daily limit, per day in their timezone.
CREATE TABLE notification_daily_counts (
  user_id varchar(255) NOT NULL,
  day date NOT NULL,
  request_ids uuid[] NOT NULL,
  PRIMARY KEY (user_id, day)
);

-- Addresses that hard-bounced or complained: never sent to again on that channel.
CREATE TABLE address_suppressions (
  channel varchar(50) NOT NULL,
  address varchar(320) NOT NULL,
  reason varchar(50) NOT NULL,
  log_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, address)
);

CREATE TABLE notification_templates (
  template_id uuid PRIMARY KEY,
  template_key varchar(128) NOT NULL,
  channel varchar(50) NOT NULL,
  locale varchar(35) NOT NULL,
  content jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (template_key, channel, locale)
);
