import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Withdraws a notification request's deliveries that have not gone out yet (a review request after a refund). */
export async function cancelScheduled(trx: Db, requestId: string, reason: string): Promise<number> {
  const result = await sql`
    UPDATE notification_logs
       SET status = 'cancelled',
           history = history || jsonb_build_array(jsonb_build_object('at', now(), 'status', 'cancelled', 'detail', ${reason}::text))
     WHERE request_id = ${requestId} AND status IN ('queued', 'standby')`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
