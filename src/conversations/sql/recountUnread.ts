import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Recounts every participant's unread messages in a conversation (after a message is deleted). */
export async function recountUnread(db: Db, conversationId: string): Promise<void> {
  await sql`
    UPDATE conversation_participants p
       SET unread_count = (SELECT count(*) FROM messages m
                            WHERE m.conversation_id = p.conversation_id AND m.seq > p.last_read_seq
                              AND m.sender_id <> p.user_id AND m.deleted_at IS NULL)
     WHERE p.conversation_id = ${conversationId}`.execute(db);
}
