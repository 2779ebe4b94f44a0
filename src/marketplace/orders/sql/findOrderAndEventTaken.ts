import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MarketplaceOrdersTable } from '../../../db/schema.ts';

/** The order as it stands, and whether an event id was taken before: one round trip. */
export async function findOrderAndEventTaken(db: Db, orderId: string, eventId: string): Promise<{ order: Selectable<MarketplaceOrdersTable> | undefined; taken: boolean }> {
  const { rows } = await sql<Selectable<MarketplaceOrdersTable> & { taken: boolean }>`
      SELECT o.*, EXISTS (SELECT 1 FROM order_events e WHERE e.event_id = ${eventId}) AS taken
        FROM (SELECT 1) AS one LEFT JOIN marketplace_orders o ON o.order_id = ${orderId}`.execute(db);
  const { taken, ...order } = rows[0]!;
  return { order: order.order_id ? (order as Selectable<MarketplaceOrdersTable>) : undefined, taken };
}
