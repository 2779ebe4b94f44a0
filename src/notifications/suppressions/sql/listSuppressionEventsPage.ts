import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface SuppressionEventQuery {
  channel?: string;
  address?: string;
  /** Only the events after this one, newest first: (created_at, event_id). */
  after?: [Date, string];
  limit: number;
}

/** A page of the suppression list's audit trail, newest first; one row more than `limit` when there is a next page. */
export async function listSuppressionEventsPage(db: Db, query: SuppressionEventQuery) {
  let q = db.selectFrom('suppression_events').selectAll();
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.address) q = q.where('address', '=', query.address);
  if (query.after) {
    const [at, id] = query.after;
    q = q.where(sql<boolean>`(created_at, event_id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q.orderBy('created_at', 'desc').orderBy('event_id', 'desc').limit(query.limit + 1).execute();
}
