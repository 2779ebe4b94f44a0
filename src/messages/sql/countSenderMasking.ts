import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** How many of a sender's messages in a conversation had contact details hidden from recipients, and how many of each kind. */
export async function countSenderMasking(db: Db, conversationId: string, senderId: string): Promise<{ messages: number; phone: number; email: number; link: number }> {
  const { rows } = await sql<{ messages: number; phone: number; email: number; link: number }>`
    SELECT count(*)::int AS messages,
           coalesce(sum((masking->>'phone')::int), 0)::int AS phone,
           coalesce(sum((masking->>'email')::int), 0)::int AS email,
           coalesce(sum((masking->>'link')::int), 0)::int AS link
      FROM messages
     WHERE conversation_id = ${conversationId} AND sender_id = ${senderId} AND masking IS NOT NULL`.execute(db);
  return rows[0] ?? { messages: 0, phone: 0, email: 0, link: 0 };
}
