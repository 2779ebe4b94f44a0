-- Video and voice messages: the playing time of an uploaded video or voice recording, read from
-- its bytes at upload (null for images and other files).
ALTER TABLE message_attachments ADD COLUMN duration_ms integer;
