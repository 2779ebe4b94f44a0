-- The work queue moves out of notification_logs into a narrow table of its own. A delivery has a
-- row here from acceptance until its outcome is final (sent, failed, skipped, dead, cancelled):
-- claiming it (a lease) rewrites only this narrow row, and the final outcome deletes it and
-- updates the wide log row once, instead of rewriting the wide row at the claim and again at
-- the outcome. notification_logs stays the log operators read; its status is the delivery's
-- status as last recorded (queued or standby while it waits or is being sent).
CREATE TABLE notification_queue (
  log_id uuid PRIMARY KEY,
  -- Claim order is priority then due_at; a leased row's due_at is its lease expiry.
  priority smallint NOT NULL,
  due_at timestamptz NOT NULL,
  -- Attempts counted so far (a claim counts one); an outcome applies only to the attempt it is about.
  attempts integer NOT NULL DEFAULT 0,
  -- Claimed by a worker (until due_at, when another may take it again).
  leased boolean NOT NULL DEFAULT false
);
CREATE INDEX notification_queue_due ON notification_queue (priority DESC, due_at);

-- Deliveries still waiting, or being sent, when this runs.
INSERT INTO notification_queue (log_id, priority, due_at, attempts, leased)
SELECT log_id, priority, due_at, attempts, status = 'sending'
  FROM notification_logs WHERE status IN ('queued', 'standby', 'sending');
-- A delivery that was being sent is, in the log, queued again until its outcome is recorded.
UPDATE notification_logs SET status = 'queued' WHERE status = 'sending';

DROP INDEX notification_logs_queue;

-- Every delivery written as queued or standby gets its queue row in the same statement, and the
-- workers are told (NOTIFY, delivered at commit) when anything was queued. A row written as sent
-- (an in-app item settled at acceptance) is not queued. One statement-level trigger, so the
-- acceptor's insert stays one statement whatever the batch size.
CREATE FUNCTION notification_logs_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_queue (log_id, priority, due_at)
  SELECT log_id, priority, due_at FROM written WHERE status IN ('queued', 'standby');
  IF FOUND THEN
    PERFORM pg_notify('parley_deliveries', '');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER notification_logs_enqueue AFTER INSERT ON notification_logs
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION notification_logs_enqueue();
