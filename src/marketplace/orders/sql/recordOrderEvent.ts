import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Inside the caller's transaction: records an order event under its id, once. Answers false
 * when the id was taken already (another delivery of the same event won).
 */
export async function recordOrderEvent(
  trx: Db,
  e: { eventId: string; orderId: string; type: string; at: Date; event: unknown; hash: string; source: string; messageId: string },
): Promise<boolean> {
  const recorded = await sql<{ event_id: string }>`
      INSERT INTO order_events (event_id, order_id, event_type, occurred_at, payload, payload_hash, source, message_id)
      VALUES (${e.eventId}, ${e.orderId}, ${e.type}, ${e.at}, ${JSON.stringify(e.event)}::jsonb, ${e.hash}, ${e.source}, ${e.messageId})
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id`.execute(trx);
  return recorded.rows.length > 0;
}
