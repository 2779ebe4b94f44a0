-- Conversations, participants, messages and attachments.
-- Ids of the marketplace's own objects (orders, products, listings, users) are text:
-- Parley stores the marketplace's identifiers as given and owns none of those tables.

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  conversation_type varchar(32) NOT NULL DEFAULT 'general'
    CHECK (conversation_type IN ('general', 'order', 'product_inquiry', 'dispute')),
  order_id text,
  product_id text,
  listing_id text,
  -- The buyer of a product inquiry: one inquiry conversation per buyer and product.
  inquiry_buyer_id text,
  subject text,
  context_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_automated boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz,
  -- Per-conversation message sequence: incremented under the row lock, so it is gapless
  -- and in commit order. Clients resume from it.
  last_message_seq bigint NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX conversations_order_unique ON conversations (order_id)
  WHERE conversation_type = 'order' AND order_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_inquiry_unique ON conversations (product_id, inquiry_buyer_id)
  WHERE conversation_type = 'product_inquiry' AND product_id IS NOT NULL;
CREATE INDEX conversations_order_id ON conversations (order_id);
CREATE INDEX conversations_product_id ON conversations (product_id);
CREATE INDEX conversations_type ON conversations (conversation_type);

CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  role varchar(16) NOT NULL CHECK (role IN ('buyer', 'seller', 'moderator', 'system')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  last_read_seq bigint NOT NULL DEFAULT 0,
  last_delivered_seq bigint NOT NULL DEFAULT 0,
  unread_count integer NOT NULL DEFAULT 0,
  archived_at timestamptz,
  PRIMARY KEY (conversation_id, user_id)
);

-- "My conversations", newest activity first.
CREATE INDEX conversation_participants_user ON conversation_participants (user_id, conversation_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  sender_id text NOT NULL,
  message_type varchar(32) NOT NULL,
  -- AES-256-GCM: iv (12 bytes) || ciphertext || tag (16 bytes), under key_id.
  content_encrypted bytea,
  key_id varchar(64),
  -- Keyed blind index of the words of the content (see docs/ARCHITECTURE.md, "Search").
  search_tokens text[] NOT NULL DEFAULT '{}',
  payload jsonb,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  client_message_id varchar(128),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  UNIQUE (conversation_id, seq)
);

CREATE UNIQUE INDEX messages_client_message_id ON messages (conversation_id, sender_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_search_tokens ON messages USING gin (search_tokens);

CREATE TABLE message_attachments (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
  uploader_id text NOT NULL,
  file_name text NOT NULL,
  mime_type varchar(255) NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 char(64) NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX message_attachments_message ON message_attachments (message_id);
CREATE INDEX message_attachments_conversation ON message_attachments (conversation_id);
