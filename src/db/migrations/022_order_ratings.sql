-- Customer satisfaction: once an order is delivered or a dispute over it is resolved, its buyer
-- is asked (in the order's conversation, and by notification) to rate the seller's
-- communication from 1 to 5, with an optional comment. One row per order: written when the
-- buyer is asked (or when they rate an order they were not asked about), completed once when
-- they rate. A rating is never changed.
CREATE TABLE order_ratings (
  order_id text PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  buyer_id varchar(255) NOT NULL,
  seller_id varchar(255) NOT NULL,
  -- Why the buyer was asked; null when they rated without being asked.
  requested_because varchar(32) CHECK (requested_because IN ('delivered', 'dispute_resolved')),
  requested_at timestamptz,
  -- The system message that asked.
  request_message_id uuid,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  comment text,
  rated_at timestamptz,
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
CREATE INDEX order_ratings_seller ON order_ratings (seller_id, rated_at) WHERE rated_at IS NOT NULL;
CREATE INDEX order_ratings_rated ON order_ratings (rated_at) WHERE rated_at IS NOT NULL;
