import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Serialises the counting of these users' capped notifications across workers and nodes until the
 * transaction ends: a transaction-scoped advisory lock per user, taken in the order of its key, so
 * two workers locking overlapping lists wait for each other instead of deadlocking.
 */
export async function lockCappedUsers(trx: Db, userIds: string[]): Promise<void> {
  // OFFSET 0 keeps the ordered subquery a subquery: the locks are taken in its order.
  await sql`SELECT count(pg_advisory_xact_lock(7325, k))
              FROM (SELECT DISTINCT hashtext(u) AS k FROM unnest(${userIds}::text[]) AS u ORDER BY 1 OFFSET 0) AS ordered`.execute(trx);
}
