import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { PRIORITIES } from '../../model.ts';
import type { ClaimedDelivery } from '../delivery-types.ts';

const HIGHEST_FIRST = Object.values(PRIORITIES).sort((a, b) => b - a);

/**
 * Claims up to `limit` due deliveries, highest priority first (FOR UPDATE SKIP LOCKED on the
 * narrow notification_queue): each is leased for `leaseSeconds`, after which another worker may
 * take it again, and its attempt is counted. Only the queue row is written; the log row is read.
 *
 * The claim commits without waiting for its WAL flush (synchronous_commit off for this
 * transaction only): a claim PostgreSQL loses in a crash is a lease never taken, so the outcome
 * of that attempt is not applied (another attempt matches no more) and the delivery goes out
 * again, which at-least-once delivery allows. Outcomes still commit durably.
 *
 * One branch per priority, highest first, each a range of the (priority, due_at) index, read in
 * that order and only as far as the limit needs: a single ORDER BY priority DESC, due_at would
 * walk every entry of the index, scheduled ones included, to find the due ones (with a
 * campaign's 100,000 scheduled sends, most of the claim's time).
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
      WITH c AS (
        ${sql.join(
          // Each branch in a subquery of its own: FOR UPDATE is not allowed directly in a UNION.
          HIGHEST_FIRST.map((p) => sql`SELECT log_id FROM (SELECT log_id FROM notification_queue WHERE priority = ${sql.lit(p)} AND due_at <= now() ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) AS ${sql.id(`p${p}`)}`),
          sql` UNION ALL `,
        )}
        LIMIT ${limit}),
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
