import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Serialises the counting of one user's capped notifications across workers and nodes until the
 * transaction ends (a transaction-scoped advisory lock, keyed by the user).
 */
export async function lockCappedUser(trx: Db, userId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7325, hashtext(${userId}))`.execute(trx);
}
