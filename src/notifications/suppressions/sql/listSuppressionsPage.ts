import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface SuppressionPageQuery {
  channel?: string;
  reason?: string;
  /** Only the entries after this one, newest first: (created_at, suppression_id). */
  after?: [Date, string];
  limit: number;
}

/** A page of the suppression list, newest first; one row more than `limit` when there is a next page. */
export async function listSuppressionsPage(db: Db, query: SuppressionPageQuery) {
  let q = db.selectFrom('address_suppressions').select(['suppression_id', 'channel', 'address', 'reason', 'added_by', 'note', 'log_id', 'reported_at', 'created_at']);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.reason) q = q.where('reason', '=', query.reason);
  if (query.after) {
    const [at, id] = query.after;
    q = q.where(sql<boolean>`(created_at, suppression_id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q.orderBy('created_at', 'desc').orderBy('suppression_id', 'desc').limit(query.limit + 1).execute();
}
