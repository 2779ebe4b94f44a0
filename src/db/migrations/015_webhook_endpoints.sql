-- Event webhooks for CRM and helpdesk tools (src/webhooks). An endpoint belongs to the
-- marketplace (an operator registered it: every event) or to one seller (the events of their
-- own conversations and orders).
CREATE TABLE webhook_endpoints (
  endpoint_id uuid PRIMARY KEY,
  -- null: the marketplace's (all events); otherwise the seller whose events it gets
  seller_id varchar(255),
  url text NOT NULL,
  description varchar(500),
  event_types text[] NOT NULL,
  -- Standard Webhooks secret (whsec_...); the previous one still signs until it expires (rotation)
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason varchar(64),
  disabled_at timestamptz,
  -- the first failed attempt since the last success: failing for a day disables the endpoint
  failing_since timestamptz,
  -- who registered it (told in the app when it is disabled)
  created_by varchar(255) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_seller ON webhook_endpoints (seller_id, created_at);

-- Each event once, as sent (the body every endpoint gets; its id is the webhook-id header).
CREATE TABLE webhook_events (
  event_id uuid PRIMARY KEY,
  event_type varchar(64) NOT NULL,
  seller_id varchar(255),
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);

-- One row per event and endpoint: the work queue of the delivery workers and the endpoint's
-- delivery log. A pending row is due at next_attempt_at; a claim moves that forward by a lease.
CREATE TABLE webhook_deliveries (
  delivery_id uuid PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES webhook_events (event_id) ON DELETE CASCADE,
  -- pending | delivered | failed (every retry spent)
  status varchar(16) NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  -- the receiver's HTTP status of the last attempt; null when there was no answer
  last_status integer,
  last_error varchar(64),
  last_detail varchar(500),
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at DESC, delivery_id DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
