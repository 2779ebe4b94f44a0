import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Moves a participant's read (and delivered) mark up to `seq` (null: the latest message),
 * recounts their unread messages, and cancels their pending unread reminder once they have
 * read to the end. Answers their marks afterwards.
 */
export async function markParticipantRead(db: Db, conversationId: string, userId: string, seq: number | null) {
  const result = await sql<{ last_read_seq: number; last_delivered_seq: number; unread_count: number }>`
    UPDATE conversation_participants p
       SET last_read_seq = GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq}::bigint)),
           last_delivered_seq = GREATEST(p.last_delivered_seq, LEAST(c.last_message_seq, ${seq}::bigint)),
           unread_count = (SELECT count(*) FROM messages m
                            WHERE m.conversation_id = p.conversation_id
                              AND m.seq > GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq}::bigint))
                              AND m.sender_id <> p.user_id AND m.deleted_at IS NULL),
           -- Read to the end in time: the pending unread reminder is cancelled.
           reminder_due_at = CASE WHEN GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq}::bigint)) >= c.last_message_seq
                                  THEN NULL ELSE p.reminder_due_at END
      FROM conversations c
     WHERE c.id = p.conversation_id AND p.conversation_id = ${conversationId} AND p.user_id = ${userId}
 RETURNING p.last_read_seq, p.last_delivered_seq, p.unread_count`.execute(db);
  return result.rows[0];
}
