import type { Db } from '../../../db/connect.ts';

/** The order events with these ids (none asked, none read). */
export async function listOrderEventsByIds(db: Db, eventIds: string[]) {
  return eventIds.length ? db.selectFrom('order_events').selectAll().where('event_id', 'in', eventIds).execute() : Promise.resolve([]);
}
