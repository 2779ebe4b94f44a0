-- Merchant tiers and their monthly quotas of promotional sends.
-- tier_limits: the operator's changes to a tier's limits (PUT /tiers/{tier}), over the
-- environment's (PARLEY_TIERS) and the specification's. A JSON object by kind; null = unlimited.
CREATE TABLE tier_limits (
  tier varchar(32) PRIMARY KEY CHECK (tier IN ('basic', 'standard', 'premium', 'enterprise')),
  limits jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A vendor's tier and time zone (its months are calendar months on its clock). An enterprise
-- vendor may have its own limits (custom_limits, by kind; null = unlimited); a vendor without a
-- row is on the default tier (PARLEY_DEFAULT_TIER) in UTC.
CREATE TABLE vendor_tiers (
  vendor_id varchar(255) PRIMARY KEY,
  tier varchar(32) NOT NULL CHECK (tier IN ('basic', 'standard', 'premium', 'enterprise')),
  time_zone varchar(64) NOT NULL DEFAULT 'UTC',
  custom_limits jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (custom_limits IS NULL OR tier = 'enterprise')
);

-- What a vendor used of a month's quota, per kind (email, sms, bulk). One row per vendor, month
-- and kind: a reservation locks the rows of its month and raises them in one statement.
CREATE TABLE vendor_quota_usage (
  vendor_id varchar(255) NOT NULL,
  month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  kind varchar(8) NOT NULL CHECK (kind IN ('email', 'sms', 'bulk')),
  used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (vendor_id, month, kind)
);
