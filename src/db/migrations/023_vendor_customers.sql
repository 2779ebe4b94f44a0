-- A vendor's customers (a vendor id is the seller's user id): who bought from whom, how often,
-- for how much and what, kept up to date by the order events (in the order's transaction) and
-- by a vendor's import. Segments of a campaign are counted and paged from here.
-- Cancelled and refunded orders: the customer stays one (and what they bought stays listed),
-- but the order no longer counts in order_count and its total leaves spend.
CREATE TABLE vendor_customers (
  vendor_id varchar(255) NOT NULL,
  user_id varchar(255) NOT NULL,
  first_order_at timestamptz,
  last_order_at timestamptz,
  order_count integer NOT NULL DEFAULT 0 CHECK (order_count >= 0),
  -- The sum of the order totals as given (a vendor sells in one currency: the first one seen).
  spend numeric(14, 2) NOT NULL DEFAULT 0 CHECK (spend >= 0),
  currency char(3),
  product_ids text[] NOT NULL DEFAULT '{}',
  categories text[] NOT NULL DEFAULT '{}',
  -- orders: known from order events (also when imported before); import: only from an import.
  source varchar(16) NOT NULL CHECK (source IN ('orders', 'import')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vendor_id, user_id)
);
-- The segment filters: last order date, number of orders, spend, and "bought any of these".
CREATE INDEX vendor_customers_last_order ON vendor_customers (vendor_id, last_order_at);
CREATE INDEX vendor_customers_order_count ON vendor_customers (vendor_id, order_count);
CREATE INDEX vendor_customers_spend ON vendor_customers (vendor_id, spend);
CREATE INDEX vendor_customers_product_ids ON vendor_customers USING gin (product_ids);
CREATE INDEX vendor_customers_categories ON vendor_customers USING gin (categories);
-- A person's rows as a customer (the export, erasure).
CREATE INDEX vendor_customers_user ON vendor_customers (user_id);
-- The consent as it stands for a vendor's customer and channel (the latest row), looked up per customer.
CREATE INDEX promotional_consents_vendor_user ON promotional_consents (vendor_id, user_id, channel, recorded_at);

-- The customers of the orders taken so far (erased people's pseudonymised orders left out).
INSERT INTO vendor_customers (vendor_id, user_id, first_order_at, last_order_at, order_count, spend, currency, product_ids, categories, source, updated_at)
SELECT o.seller_id, o.buyer_id, min(o.placed_at), max(o.placed_at),
       count(*) FILTER (WHERE o.cancelled_at IS NULL AND o.refunded_at IS NULL),
       coalesce(sum(o.total) FILTER (WHERE o.cancelled_at IS NULL AND o.refunded_at IS NULL), 0),
       (array_agg(o.currency ORDER BY o.placed_at) FILTER (WHERE o.currency IS NOT NULL))[1],
       coalesce((SELECT array_agg(DISTINCT i.item ->> 'productId' ORDER BY i.item ->> 'productId')
                   FROM marketplace_orders p, jsonb_array_elements(p.items) AS i(item)
                  WHERE p.seller_id = o.seller_id AND p.buyer_id = o.buyer_id AND i.item ->> 'productId' IS NOT NULL), '{}'),
       coalesce((SELECT array_agg(DISTINCT i.item ->> 'category' ORDER BY i.item ->> 'category')
                   FROM marketplace_orders p, jsonb_array_elements(p.items) AS i(item)
                  WHERE p.seller_id = o.seller_id AND p.buyer_id = o.buyer_id AND i.item ->> 'category' IS NOT NULL), '{}'),
       'orders', now()
  FROM marketplace_orders o
 WHERE o.buyer_id NOT LIKE 'erased-%' AND o.seller_id NOT LIKE 'erased-%'
 GROUP BY o.seller_id, o.buyer_id;
