import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ClaimedDelivery } from '../delivery-types.ts';

/**
 * Claims up to `limit` due deliveries, highest priority first (FOR UPDATE SKIP LOCKED): each
 * becomes `sending` with a lease of `leaseSeconds`, after which another worker may take it
 * again, and its attempt is counted.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
      WITH c AS (
        SELECT log_id FROM notification_logs
        WHERE status IN ('queued', 'standby', 'sending') AND due_at <= now()
        ORDER BY priority DESC, due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE notification_logs n
      SET status = 'sending', due_at = now() + make_interval(secs => ${leaseSeconds}), attempts = n.attempts + 1
      FROM c WHERE n.log_id = c.log_id
      RETURNING n.log_id, n.request_id, n.user_id, n.channel, n.notification_type, n.attempts, n.max_retries, n.step,
        n.recipient, n.content, n.history, n.created_at, n.send_time AS due_since, n.metadata`.execute(db);
  return result.rows;
}
