import type { Db } from '../../../db/connect.ts';

/** When each event of these orders occurred, and the system message it posted. */
export async function listOrderEventTimes(db: Db, orderIds: readonly string[]): Promise<{ eventId: string; messageId: string | null; occurredAt: Date }[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.selectFrom('order_events').select(['event_id', 'message_id', 'occurred_at']).where('order_id', 'in', orderIds).execute();
  return rows.map((r) => ({ eventId: r.event_id, messageId: r.message_id, occurredAt: new Date(r.occurred_at) }));
}
