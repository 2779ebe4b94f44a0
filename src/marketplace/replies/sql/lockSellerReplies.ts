import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Takes a transaction-long lock on one seller's templates and quick replies. */
export async function lockSellerReplies(trx: Db, sellerId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7292, hashtext(${sellerId}))`.execute(trx);
}
