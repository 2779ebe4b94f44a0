-- Digests: deliveries of a digested notification type (and unread chat messages of users who
-- chose a chat digest) are collected here per user, digest key and window, and sent as one
-- notification when the window closes.
CREATE TABLE digest_items (
  -- The collected delivery's log id, or the chat item's key (conversation, user, last unread seq).
  item_id varchar(255) PRIMARY KEY,
  user_id varchar(255) NOT NULL,
  -- The notification type, or 'chat'.
  digest_key varchar(32) NOT NULL,
  -- When the window closes: the digest is sent then.
  window_end timestamptz NOT NULL,
  -- The channel the item would have gone out on (the digest goes out on the channels of its items).
  channel varchar(16) NOT NULL,
  -- The request the item came from (a digest lists a request once, whatever its channels).
  source_id varchar(255) NOT NULL,
  recipient jsonb NOT NULL,
  -- What the digest shows of it: title, body, and for chat the counts.
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The request id of the digest that carried it; null until its window is sent.
  digest_request_id uuid
);
CREATE INDEX digest_items_unsent ON digest_items (window_end) WHERE digest_request_id IS NULL;
CREATE INDEX digest_items_window ON digest_items (user_id, digest_key, window_end);

-- One row per window sent: its primary key is what makes a window's digest go out once.
CREATE TABLE digest_windows (
  user_id varchar(255) NOT NULL,
  digest_key varchar(32) NOT NULL,
  window_end timestamptz NOT NULL,
  request_id uuid NOT NULL,
  item_count integer NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, digest_key, window_end)
);
