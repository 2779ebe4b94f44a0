-- Engagement tracking: the links of each tracked message, and every open and click recorded on it.
-- notification_logs.opened_at (migration 007) and clicked_at hold the first open and click by a
-- person; opens and clicks judged to be a machine's (a mail privacy proxy, a link scanner) are
-- rows here with machine = true and never set those columns.

-- The http(s) links of a tracked email, in the order they appear: a click link names its delivery
-- and an index here, and redirects only to the url stored for that pair (never an open redirect).
CREATE TABLE notification_links (
  log_id uuid NOT NULL REFERENCES notification_logs (log_id) ON DELETE CASCADE,
  link_index integer NOT NULL,
  url text NOT NULL,
  PRIMARY KEY (log_id, link_index)
);

-- Every click on a tracked link (an email's rewritten link, or a click an app reported for a push
-- or in-app notification: link_index and url NULL unless it named the link).
CREATE TABLE notification_clicks (
  click_id uuid PRIMARY KEY,
  log_id uuid NOT NULL REFERENCES notification_logs (log_id) ON DELETE CASCADE,
  link_index integer,
  url text,
  -- email_link (the redirect), app (reported by the app or the SDK)
  source varchar(20) NOT NULL,
  machine boolean NOT NULL,
  -- why it was judged a machine's: head_request, scanner_agent, too_soon, link_sweep; NULL for a person
  machine_reason varchar(50),
  user_agent varchar(256),
  clicked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_clicks_log ON notification_clicks (log_id, clicked_at);

-- Every open: an email's pixel fetched, or an open an app reported.
CREATE TABLE notification_opens (
  open_id uuid PRIMARY KEY,
  log_id uuid NOT NULL REFERENCES notification_logs (log_id) ON DELETE CASCADE,
  -- email_pixel, app
  source varchar(20) NOT NULL,
  machine boolean NOT NULL,
  -- head_request, privacy_proxy, scanner_agent, too_soon; NULL for a person
  machine_reason varchar(50),
  user_agent varchar(256),
  opened_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_opens_log ON notification_opens (log_id, opened_at);
