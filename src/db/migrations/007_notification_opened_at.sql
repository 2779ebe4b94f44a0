-- Engagement: when a delivery was first opened (an email's pixel, a push or in-app notification
-- reported opened by the app). read_at and clicked_at already exist; an open recorded by a
-- machine (a mail privacy proxy, a link scanner) is kept apart in metadata, not here.
ALTER TABLE notification_logs ADD COLUMN opened_at timestamptz;
