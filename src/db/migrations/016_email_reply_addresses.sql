-- Reply by email: the short key behind each per-recipient reply-to address
-- (reply+<key><mac>@PARLEY_REPLY_DOMAIN). One row per participant of a conversation; the key is
-- random, the address carries it with a MAC, and a reply is accepted until expires_at (moved
-- forward every time an email carrying the address is sent).
CREATE TABLE email_reply_addresses (
  address_key text PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  UNIQUE (conversation_id, user_id)
);
CREATE INDEX email_reply_addresses_user ON email_reply_addresses (user_id);
