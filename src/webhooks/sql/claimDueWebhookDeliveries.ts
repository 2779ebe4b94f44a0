import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface ClaimedWebhookDelivery {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  payload: unknown;
}

/**
 * Claims due deliveries of enabled endpoints for one worker: FOR UPDATE SKIP LOCKED, so workers
 * on several nodes never take the same row, and the claim moves the row's due time forward by
 * the lease and counts the attempt, so that a worker that dies mid-send leaves it to be tried
 * again once the lease is over (with the same webhook-id).
 */
export async function claimDueWebhookDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedWebhookDelivery[]> {
  const result = await sql<ClaimedWebhookDelivery>`
    WITH due AS (
      SELECT d.delivery_id
      FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.enabled
      ORDER BY d.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d
      SET next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1, last_attempt_at = now()
      FROM due
      WHERE d.delivery_id = due.delivery_id
      RETURNING d.delivery_id, d.endpoint_id, d.event_id, d.attempts, d.created_at
    )
    SELECT c.delivery_id, c.endpoint_id, c.event_id, c.attempts, c.created_at, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at, ev.payload
    FROM claimed c
    JOIN webhook_endpoints e ON e.endpoint_id = c.endpoint_id
    JOIN webhook_events ev ON ev.event_id = c.event_id
  `.execute(db);
  return result.rows;
}
