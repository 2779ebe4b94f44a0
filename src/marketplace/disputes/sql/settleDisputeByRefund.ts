import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Selectable } from 'kysely';
import type { DisputesTable } from '../../../db/schema.ts';

type DisputeRow = Selectable<DisputesTable>;

/** A refund resolves the conversation's unresolved dispute, if it has one, with `entry` added to its history. */
/** Answers the disputes it settled, as they are now. */
export async function settleDisputeByRefund(trx: Db, conversationId: string, entry: unknown): Promise<DisputeRow[]> {
  const result = await sql<DisputeRow>`
      UPDATE disputes SET status = 'resolved_refund', resolved_at = now(), updated_at = now(),
             resolution_note = coalesce(resolution_note, 'The order was refunded.'),
             history = history || ${JSON.stringify([entry])}::jsonb
       WHERE conversation_id = ${conversationId} AND status IN ('open', 'awaiting_seller', 'awaiting_buyer', 'under_review')
   RETURNING *`.execute(trx);
  return result.rows;
}
