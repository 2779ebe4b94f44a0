import type { Db } from '../../db/connect.ts';

/** Stores events and their deliveries (due now), in two statements; the caller's transaction makes them one change. */
export async function insertEventDeliveries(
  db: Db,
  events: { eventId: string; type: string; sellerId: string | null; payload: unknown; occurredAt: Date }[],
  deliveries: { deliveryId: string; endpointId: string; eventId: string }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('webhook_events')
    .values(events.map((e) => ({ event_id: e.eventId, event_type: e.type, seller_id: e.sellerId, payload: JSON.stringify(e.payload), occurred_at: e.occurredAt })))
    .execute();
  if (deliveries.length === 0) return;
  const now = new Date();
  await db
    .insertInto('webhook_deliveries')
    .values(
      deliveries.map((d) => ({
        delivery_id: d.deliveryId,
        endpoint_id: d.endpointId,
        event_id: d.eventId,
        next_attempt_at: now,
        last_attempt_at: null,
        last_status: null,
        last_error: null,
        last_detail: null,
        created_at: now,
        delivered_at: null,
      })),
    )
    .execute();
}
