-- WhatsApp's 24-hour customer-service window: when each number last wrote to the business (an
-- inbound message in a Cloud API webhook). Free text may be sent to a number for 24 hours after
-- that; outside the window only an approved template goes. Keyed by the number in E.164.
CREATE TABLE whatsapp_service_windows (
  address varchar(32) PRIMARY KEY,
  last_inbound_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
