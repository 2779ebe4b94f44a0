-- Frequency caps: each notification a user was sent of a capped type, counted once per request
-- (a promotion on two channels is one), with the time it was counted. A delivery may go out
-- when, for every cap of its type, fewer than `max` requests were counted in the rolling window
-- before it. Rows older than the longest window of their type are pruned as new ones are counted.
CREATE TABLE notification_capped_sends (
  user_id varchar(255) NOT NULL,
  notification_type varchar(32) NOT NULL,
  request_id uuid NOT NULL,
  counted_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, notification_type, request_id)
);
CREATE INDEX notification_capped_sends_window ON notification_capped_sends (user_id, notification_type, counted_at);
