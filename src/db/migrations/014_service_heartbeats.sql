-- Uptime (the specification's availability KPI): one row for each minute in which at least one
-- Parley process was running and could write to its database. Every process writes the current
-- minute about every 20 seconds; a minute without a row is a minute of downtime.
CREATE TABLE service_heartbeats (
  minute timestamptz PRIMARY KEY
);
