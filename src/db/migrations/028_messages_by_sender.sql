-- Send-time planning reads each recipient's own messages of the last 90 days, a thousand
-- recipients per statement: by sender and time, not a scan of every message.
CREATE INDEX messages_sender_created ON messages (sender_id, created_at);
