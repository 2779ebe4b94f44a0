-- The consent log for promotional messages: who agreed to (or withdrew from) what, per vendor and
-- channel, when, from where and with which text shown. Append-only: a person's current consent
-- for (vendor, channel) is their latest row. vendor_id NULL is the marketplace's own promotions.
CREATE TABLE promotional_consents (
  consent_id uuid PRIMARY KEY,
  user_id varchar(255) NOT NULL,
  vendor_id varchar(255),
  channel varchar(50) NOT NULL,
  granted boolean NOT NULL,
  -- where it was given or withdrawn: checkout, preferences, import, api, unsubscribe, sms_stop, sms_start, erasure
  source varchar(50) NOT NULL,
  text_shown text,
  -- from where: the client address and user agent when a person did it, else NULL
  ip_address varchar(64),
  user_agent varchar(512),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promotional_consents_user ON promotional_consents (user_id, recorded_at);
CREATE INDEX promotional_consents_vendor ON promotional_consents (vendor_id, recorded_at);
