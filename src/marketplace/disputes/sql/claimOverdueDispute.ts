import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Inside the caller's transaction: locks a dispute that is still unresolved and not yet queued,
 * unless another run holds it; answers its status and history, or undefined.
 */
export async function claimOverdueDispute(trx: Db, disputeId: string) {
  const claimed = await sql<{ status: string; history: unknown }>`
          SELECT status, history FROM disputes WHERE id = ${disputeId} AND queued_at IS NULL AND status IN ('open', 'awaiting_seller', 'awaiting_buyer', 'under_review')
             FOR UPDATE SKIP LOCKED`.execute(trx);
  return claimed.rows[0];
}
