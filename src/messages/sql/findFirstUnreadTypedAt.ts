import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * For each reader, when the first message they have not read was created, counting only what
 * another person typed (not their own, not the platform's, not automated, not deleted).
 */
export async function findFirstUnreadTypedAt(
  db: Db,
  readers: readonly { conversationId: string; userId: string; lastReadSeq: number }[],
  systemSenderId: string,
): Promise<{ conversationId: string; userId: string; firstAt: Date }[]> {
  if (readers.length === 0) return [];
  const { rows } = await sql<{ conversation_id: string; user_id: string; first_at: Date }>`
    SELECT r.conversation_id, r.user_id, min(m.created_at) AS first_at
      FROM unnest(${readers.map((r) => r.conversationId)}::uuid[], ${readers.map((r) => r.userId)}::text[], ${readers.map((r) => r.lastReadSeq)}::int[])
           AS r(conversation_id, user_id, last_read_seq)
      JOIN messages m ON m.conversation_id = r.conversation_id AND m.seq > r.last_read_seq AND m.sender_id <> r.user_id
                     AND m.sender_id <> ${systemSenderId} AND NOT m.is_automated AND m.deleted_at IS NULL
     GROUP BY r.conversation_id, r.user_id`.execute(db);
  return rows.map((r) => ({ conversationId: r.conversation_id, userId: r.user_id, firstAt: new Date(r.first_at) }));
}
