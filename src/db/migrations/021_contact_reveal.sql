-- Masking that follows the order: the operator's rule for when contact details are shown in an
-- order's conversation (one row; none: always masked, as before), and how an order is fulfilled
-- (the marketplace says so in its "placed" event), which a rule may require.
CREATE TABLE contact_reveal_rules (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  -- The order statuses in which the parties see each other's contact details.
  order_statuses text[] NOT NULL DEFAULT '{}',
  -- null: any fulfilment; otherwise only orders fulfilled this way ('delivery', 'local_pickup').
  fulfilment varchar(32),
  updated_by varchar(255) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE marketplace_orders ADD COLUMN fulfilment varchar(32);
-- Views look an order up by its conversation (once per page or send batch, never per message).
CREATE INDEX marketplace_orders_conversation ON marketplace_orders (conversation_id);
