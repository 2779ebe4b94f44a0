import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Withdraws the deliveries of these requests that have not gone out yet (a cancelled campaign):
 * those waiting in the queue, not those a worker is sending. Answers the request ids withdrawn.
 */
export async function cancelScheduledRequests(trx: Db, requestIds: string[], reason: string): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const result = await sql<{ request_id: string }>`
    WITH gone AS (
      DELETE FROM notification_queue q USING notification_logs n
       WHERE n.request_id = ANY(${requestIds}::uuid[]) AND n.status IN ('queued', 'standby') AND q.log_id = n.log_id AND NOT q.leased
       RETURNING q.log_id)
    UPDATE notification_logs
       SET status = 'cancelled',
           history = history || jsonb_build_array(jsonb_build_object('at', now(), 'status', 'cancelled', 'detail', ${reason}::text))
     WHERE log_id IN (SELECT log_id FROM gone)
    RETURNING request_id::text`.execute(trx);
  return [...new Set(result.rows.map((r) => r.request_id))];
}
