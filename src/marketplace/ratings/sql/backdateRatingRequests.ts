import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Demo data only: moves the rating requests of these orders to the time their order was
 * delivered (when the ask went out: `at`), unless they are there already; returns the request
 * messages and their new time, for the messages to move with them.
 */
export async function backdateRatingRequests(db: Db, deliveredAt: readonly { orderId: string; at: Date }[]): Promise<{ id: string; at: Date }[]> {
  if (deliveredAt.length === 0) return [];
  const { rows } = await sql<{ request_message_id: string; requested_at: Date }>`
    UPDATE order_ratings r SET requested_at = v.at
      FROM unnest(${deliveredAt.map((d) => d.orderId)}::text[], ${deliveredAt.map((d) => d.at.toISOString())}::timestamptz[]) AS v(order_id, at)
     WHERE r.order_id = v.order_id AND r.requested_because = 'delivered' AND r.request_message_id IS NOT NULL AND r.requested_at > v.at
 RETURNING r.request_message_id, r.requested_at`.execute(db);
  return rows.map((r) => ({ id: r.request_message_id, at: new Date(r.requested_at) }));
}
