import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ClaimedDelivery } from '../delivery-types.ts';

/**
 * Claims up to `limit` due deliveries, highest priority first (FOR UPDATE SKIP LOCKED on the
 * narrow notification_queue): each is leased for `leaseSeconds`, after which another worker may
 * take it again, and its attempt is counted. Only the queue row is written; the log row is read.
 *
 * The claim commits without waiting for its WAL flush (synchronous_commit off for this
 * transaction only): a claim PostgreSQL loses in a crash is a lease never taken, so the outcome
 * of that attempt is not applied (another attempt matches no more) and the delivery goes out
 * again, which at-least-once delivery allows. Outcomes still commit durably.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
      WITH c AS (
        SELECT log_id FROM notification_queue
        WHERE due_at <= now()
        ORDER BY priority DESC, due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED),
      q AS (
        UPDATE notification_queue q
        SET leased = true, due_at = now() + make_interval(secs => ${leaseSeconds}), attempts = q.attempts + 1
        FROM c WHERE q.log_id = c.log_id
        RETURNING q.log_id, q.attempts),
      relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)
      SELECT n.log_id, n.request_id, n.user_id, n.channel, n.notification_type, q.attempts, n.max_retries, n.step,
        n.recipient, n.content, n.history, n.created_at, n.send_time AS due_since, n.metadata
      FROM q JOIN notification_logs n ON n.log_id = q.log_id CROSS JOIN relaxed`.execute(db);
  return result.rows;
}
