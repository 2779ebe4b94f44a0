import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Withdraws a notification request's deliveries that have not gone out yet (a review request
 * after a refund): those waiting in the queue, not those a worker is sending.
 */
export async function cancelScheduled(trx: Db, requestId: string, reason: string): Promise<number> {
  const result = await sql`
    WITH gone AS (
      DELETE FROM notification_queue q USING notification_logs n
       WHERE n.request_id = ${requestId} AND n.status IN ('queued', 'standby') AND q.log_id = n.log_id AND NOT q.leased
       RETURNING q.log_id)
    UPDATE notification_logs
       SET status = 'cancelled',
           history = history || jsonb_build_array(jsonb_build_object('at', now(), 'status', 'cancelled', 'detail', ${reason}::text))
     WHERE log_id IN (SELECT log_id FROM gone)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
