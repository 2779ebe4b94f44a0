-- A vendor's KPIs (GET /kpis?vendorId=) read the notifications sent for that vendor
-- (metadata.vendorId) accepted in a window.
CREATE INDEX notification_logs_vendor ON notification_logs ((metadata->>'vendorId'), created_at) WHERE metadata->>'vendorId' IS NOT NULL;
