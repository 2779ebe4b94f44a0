import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * A page of the moderation queue: disputes with their conversation's type, oldest first, by
 * status (`status`, or any of `unresolved`), queued or not; up to `limit + 1` rows.
 */
export async function listDisputeQueuePage(
  db: Db,
  query: { status?: string; unresolved?: readonly string[]; queued?: boolean; after?: [Date, string]; limit: number },
) {
  // Milliseconds, as the cursor carries them: the database keeps microseconds.
  const openedAt = sql<Date>`date_trunc('milliseconds', d.opened_at)`;
  let q = db.selectFrom('disputes as d').leftJoin('conversations as c', 'c.id', 'd.conversation_id').selectAll('d').select(['c.conversation_type']);
  if (query.status) q = q.where('d.status', '=', query.status);
  if (query.unresolved) q = q.where('d.status', 'in', query.unresolved);
  if (query.queued !== undefined) q = q.where('d.queued_at', query.queued ? 'is not' : 'is', null);
  if (query.after) {
    const [at, id] = query.after;
    q = q.where((eb) => eb.or([eb(openedAt, '>', at), eb.and([eb(openedAt, '=', at), eb('d.id', '>', id)])]));
  }
  return q.orderBy(openedAt).orderBy('d.id').limit(query.limit + 1).execute();
}
