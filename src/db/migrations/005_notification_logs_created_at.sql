-- Operator analytics (GET /notifications/analytics) read the deliveries accepted in a window of
-- hours: a range on created_at. Until now only dead letters had a created_at index (partial).
CREATE INDEX notification_logs_created_at ON notification_logs (created_at);
