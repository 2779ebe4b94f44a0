import type { Db } from '../../../db/connect.ts';

/** An order event taken before, by its event id. */
export async function findOrderEvent(db: Db, eventId: string) {
  return db.selectFrom('order_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}
