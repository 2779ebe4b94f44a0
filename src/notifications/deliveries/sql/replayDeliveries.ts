import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Queues dead-lettered (or failed) deliveries again with their attempts reset; returns the ids it queued. */
export async function replayDeliveries(db: Db, logIds: string[], detail: string): Promise<string[]> {
  if (!logIds.length) return [];
  const entry = JSON.stringify([{ at: new Date().toISOString(), status: 'replayed', detail }]);
  const result = await sql<{ log_id: string }>`
    WITH r AS (
      UPDATE notification_logs
         SET status = 'queued', due_at = now(), attempts = 0, error_code = NULL, error_message = NULL, history = history || ${entry}::jsonb
       WHERE log_id = ANY(${logIds}::uuid[]) AND status IN ('dead', 'failed')
       RETURNING log_id, priority, due_at),
    q AS (
      INSERT INTO notification_queue (log_id, priority, due_at, attempts)
      SELECT log_id, priority, due_at, 0 FROM r
      ON CONFLICT (log_id) DO NOTHING)
    SELECT log_id FROM r`.execute(db);
  return result.rows.map((x) => x.log_id);
}
