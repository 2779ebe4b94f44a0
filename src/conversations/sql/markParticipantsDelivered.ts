import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Moves participants' delivered marks up (never down), in one statement for the whole batch
 * which also names each conversation's participants (the receipts' audience): three array
 * parameters, however many marks. Rows are locked in key order, as message writes lock them,
 * so the two cannot deadlock. Answers the marks that moved.
 */
export async function markParticipantsDelivered(db: Db, marks: { conversationId: string; userId: string; seq: number }[]) {
  const result = await sql<{ conversation_id: string; user_id: string; last_read_seq: number; last_delivered_seq: number; participants: string[] }>`
    WITH v AS (
      SELECT * FROM unnest(${marks.map((m) => m.conversationId)}::uuid[], ${marks.map((m) => m.userId)}::text[], ${marks.map((m) => m.seq)}::bigint[])
             AS v(conversation_id, user_id, seq)
    ), locked AS MATERIALIZED (
      SELECT p.conversation_id, p.user_id
        FROM conversation_participants p JOIN v ON p.conversation_id = v.conversation_id AND p.user_id = v.user_id
       WHERE p.last_delivered_seq < v.seq
       ORDER BY p.conversation_id, p.user_id
         FOR UPDATE OF p
    ), marked AS (
      UPDATE conversation_participants p
         SET last_delivered_seq = v.seq
        FROM v
       WHERE p.conversation_id = v.conversation_id AND p.user_id = v.user_id AND p.last_delivered_seq < v.seq
         AND (p.conversation_id, p.user_id) IN (SELECT conversation_id, user_id FROM locked)
   RETURNING p.conversation_id, p.user_id, p.last_read_seq, p.last_delivered_seq
    )
    SELECT m.conversation_id, m.user_id, m.last_read_seq, m.last_delivered_seq,
           ARRAY(SELECT a.user_id FROM conversation_participants a WHERE a.conversation_id = m.conversation_id) AS participants
      FROM marked m`.execute(db);
  return result.rows;
}
