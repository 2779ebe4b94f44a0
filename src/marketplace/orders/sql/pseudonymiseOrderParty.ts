import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { type Scrub, mentions, scrubbedJson } from '../../../db/text-scrub.ts';

/**
 * Erasure: orders stay for the other party (a sale is the seller's record too) with the person
 * as their pseudonym; a buyer's shipment tracking goes (it leads to their address); the items
 * and every order event's payload lose each mention of them (names, email, phone in the
 * `placed` event's buyer and seller). `payload_hash` is kept: a replayed original event is
 * still recognised. Rows changed per table.
 */
export async function pseudonymiseOrderParty(db: Db, userId: string, pseudonym: string, scrub: Scrub): Promise<{ orders: number; events: number }> {
  const orders = await sql<{ order_id: string }>`
    UPDATE marketplace_orders
       SET buyer_id = CASE WHEN buyer_id = ${userId} THEN ${pseudonym} ELSE buyer_id END,
           seller_id = CASE WHEN seller_id = ${userId} THEN ${pseudonym} ELSE seller_id END,
           tracking_number = CASE WHEN buyer_id = ${userId} THEN NULL ELSE tracking_number END,
           tracking_url = CASE WHEN buyer_id = ${userId} THEN NULL ELSE tracking_url END,
           items = ${scrubbedJson(sql.ref('items'), scrub)},
           updated_at = now()
     WHERE buyer_id = ${userId} OR seller_id = ${userId}
     RETURNING order_id`.execute(db);
  const orderIds = orders.rows.map((r) => r.order_id);
  // A repeated erasure finds the orders under the pseudonym: their events are scrubbed again if anything new mentions the person.
  const events = await sql`
    UPDATE order_events
       SET payload = ${scrubbedJson(sql.ref('payload'), scrub)}
     WHERE (order_id = ANY(${orderIds}::text[])
            OR order_id IN (SELECT order_id FROM marketplace_orders WHERE buyer_id = ${pseudonym} OR seller_id = ${pseudonym}))
       AND ${mentions(sql.ref('payload'), scrub, true)}`.execute(db);
  return { orders: orderIds.length, events: Number(events.numAffectedRows ?? 0) };
}
