-- Vendors' promotional campaigns (src/campaigns). A campaign is expanded by the background
-- worker in batches: each batch writes its recipients, accepts their notifications and moves
-- the cursor in one transaction, so a worker that dies mid-expansion leaves the campaign where
-- its last committed batch left it.
CREATE TABLE campaigns (
  campaign_id uuid PRIMARY KEY,
  -- the seller's user id
  vendor_id varchar(255) NOT NULL,
  name varchar(200) NOT NULL,
  created_by varchar(255) NOT NULL,
  idempotency_key varchar(255),
  -- sha-256 of the creating request's canonical body: the same key with another body is refused
  request_hash varchar(64) NOT NULL,
  -- channels and their templates, audience, schedule, pace, variants and options, as created
  definition jsonb NOT NULL,
  -- scheduled, running, paused, awaiting_winner, finished, cancelled
  status varchar(32) NOT NULL,
  -- the status a paused campaign resumes to
  paused_from varchar(32),
  -- the run being expanded (recurring campaigns count their runs from 1)
  run_number integer NOT NULL DEFAULT 1,
  -- when the worker next has something to do: start the run, the next batch, finish
  next_run_at timestamptz,
  -- the expansion's keyset cursor: the last user id of the last committed batch
  cursor_user_id text,
  expansion_done boolean NOT NULL DEFAULT false,
  -- the hold-back's cursor once a winner is declared
  held_cursor_user_id text,
  held_done boolean NOT NULL DEFAULT false,
  -- pace: the time of the next send slot
  next_slot_at timestamptz,
  -- the latest time a notification of the run was scheduled for
  last_send_at timestamptz,
  -- a worker's claim on the campaign
  lease_until timestamptz,
  -- the quota reservation of the current run: month, units reserved, recipients that used one
  quota_month varchar(7),
  quota_kinds text[] NOT NULL DEFAULT '{}',
  quota_reserved integer NOT NULL DEFAULT 0,
  quota_used integer NOT NULL DEFAULT 0,
  winner varchar(32),
  winner_declared_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX campaigns_idempotency ON campaigns (vendor_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX campaigns_vendor ON campaigns (vendor_id, created_at DESC, campaign_id DESC);
CREATE INDEX campaigns_created ON campaigns (created_at DESC, campaign_id DESC);
CREATE INDEX campaigns_due ON campaigns (next_run_at) WHERE status IN ('scheduled', 'running');

-- One row per recipient and channel of a run: accepted (its notification's request id),
-- held (in the hold-back, waiting for the winner) or skipped (with the reason).
CREATE TABLE campaign_recipients (
  campaign_id uuid NOT NULL REFERENCES campaigns (campaign_id) ON DELETE CASCADE,
  run_number integer NOT NULL,
  user_id varchar(255) NOT NULL,
  channel varchar(16) NOT NULL,
  variant varchar(32),
  request_id uuid,
  state varchar(16) NOT NULL,
  reason text,
  send_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, run_number, user_id, channel)
);
CREATE INDEX campaign_recipients_state ON campaign_recipients (campaign_id, state);
CREATE INDEX campaign_recipients_user ON campaign_recipients (user_id);

-- A campaign's results read its notifications by metadata.campaignId (src/notifications/deliveries).
CREATE INDEX notification_logs_campaign ON notification_logs ((metadata->>'campaignId')) WHERE metadata->>'campaignId' IS NOT NULL;
