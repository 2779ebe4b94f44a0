import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Inside the caller's transaction: takes a participant's due reminder if nobody read on since
 * `lastReadSeq` and no other worker holds it (FOR UPDATE SKIP LOCKED), clearing it and noting
 * `remindedSeq` as reminded. False when it was read meanwhile or taken by another worker.
 */
export async function claimDueReminder(trx: Db, conversationId: string, userId: string, lastReadSeq: number, remindedSeq: number): Promise<boolean> {
  const { rows } = await sql<{ last_read_seq: number }>`
    SELECT last_read_seq FROM conversation_participants
     WHERE conversation_id = ${conversationId} AND user_id = ${userId} AND reminder_due_at <= now()
       FOR UPDATE SKIP LOCKED`.execute(trx);
  if (rows[0]?.last_read_seq !== lastReadSeq) return false;
  await sql`
    UPDATE conversation_participants SET reminder_due_at = NULL, reminded_seq = greatest(reminded_seq, ${remindedSeq}::bigint)
     WHERE conversation_id = ${conversationId} AND user_id = ${userId}`.execute(trx);
  return true;
}
