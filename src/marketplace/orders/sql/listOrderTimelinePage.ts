import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * A page of an order conversation's timeline: its messages and its order's events merged, keyed
 * by (at, kind, key). A message an event posted is left out (the event carries it). Items before
 * `cursor`, newest first, or with `newer` items after it, oldest first; up to `limit + 1` rows.
 */
export async function listOrderTimelinePage(
  db: Db,
  conversationId: string,
  orderId: string | null,
  page: { cursor?: [Date, string, string]; newer: boolean; limit: number },
) {
  let bound: RawBuilder<unknown> = sql`true`;
  if (page.cursor) {
    const [at, kind, key] = page.cursor;
    bound = !page.newer ? sql`(t.at, t.kind, t.key) < (${at}, ${kind}, ${key})` : sql`(t.at, t.kind, t.key) > (${at}, ${kind}, ${key})`;
  }
  const direction = page.newer ? sql`ASC` : sql`DESC`;
  const limit = page.limit;
  const { rows } = await sql<{ kind: 'message' | 'order_event'; at: Date; key: string; id: string }>`
      SELECT * FROM (
        SELECT 'message' AS kind, date_trunc('milliseconds', m.created_at) AS at, lpad(m.seq::text, 20, '0') AS key, m.id::text AS id
          FROM messages m
         WHERE m.conversation_id = ${conversationId}
           AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.message_id = m.id)
        UNION ALL
        SELECT 'order_event', date_trunc('milliseconds', e.occurred_at), e.event_id, e.event_id
          FROM order_events e
         WHERE e.order_id = ${orderId} AND e.message_id IS NOT NULL
      ) t
      WHERE ${bound}
      ORDER BY t.at ${direction}, t.kind ${direction}, t.key ${direction}
      LIMIT ${limit + 1}`.execute(db);
  return rows;
}
