-- One suppression list for every channel: email addresses, phone numbers (SMS STOP) and push
-- device tokens. A web push token is a JSON subscription, longer than an email address.
ALTER TABLE address_suppressions ALTER COLUMN address TYPE text;
-- Who or what added it: an operator's user id, a provider callback (provider:sendgrid), an
-- inbound SMS (sms:twilio), a job (job:device-token-pruning).
ALTER TABLE address_suppressions ADD COLUMN added_by varchar(255);
ALTER TABLE address_suppressions ADD COLUMN note text;
-- When the provider says the address stopped working (APNs's 410 timestamp): a registration of
-- the same token after it lifts the suppression, one before it does not.
ALTER TABLE address_suppressions ADD COLUMN reported_at timestamptz;
-- A key for paging the list (addresses can be longer than a page cursor holds).
ALTER TABLE address_suppressions ADD COLUMN suppression_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE INDEX address_suppressions_listing ON address_suppressions (created_at DESC, suppression_id DESC);

-- The audit trail of the suppression list: every address added or removed, by whom, when, why.
CREATE TABLE suppression_events (
  event_id uuid PRIMARY KEY,
  channel varchar(50) NOT NULL,
  address text NOT NULL,
  -- added | removed
  action varchar(16) NOT NULL,
  -- the suppression's reason: hard_bounce, complaint, stop, manual, stale_token, unregistered
  reason varchar(50) NOT NULL,
  actor varchar(255) NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suppression_events_recent ON suppression_events (created_at DESC, event_id DESC);
CREATE INDEX suppression_events_address ON suppression_events (channel, address, created_at DESC);

-- An inbound SMS (STOP, START) names its sender's number: find the users reached at it.
CREATE INDEX user_contacts_phone ON user_contacts (phone_number) WHERE phone_number IS NOT NULL;
