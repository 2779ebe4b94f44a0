import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A message that moved, and its conversation. */
export interface MovedMessage {
  id: string;
  conversationId: string;
}

/**
 * Moves messages back to an earlier creation time (demo data only: the API stamps messages as
 * they are written). Only a message still later than its time moves, so moving twice moves nothing.
 */
export async function backdateMessagesById(db: Db, moves: readonly { id: string; at: Date }[]): Promise<MovedMessage[]> {
  if (moves.length === 0) return [];
  const { rows } = await sql<{ id: string; conversation_id: string }>`
    UPDATE messages m SET created_at = v.at
      FROM unnest(${moves.map((x) => x.id)}::uuid[], ${moves.map((x) => x.at.toISOString())}::timestamptz[]) AS v(id, at)
     WHERE m.id = v.id AND m.created_at > v.at
 RETURNING m.id, m.conversation_id`.execute(db);
  return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id }));
}

/** As backdateMessagesById, for messages named by conversation, sender and clientMessageId. */
export async function backdateMessagesByClientId(
  db: Db,
  moves: readonly { conversationId: string; senderId: string; clientMessageId: string; at: Date }[],
): Promise<MovedMessage[]> {
  if (moves.length === 0) return [];
  const { rows } = await sql<{ id: string; conversation_id: string }>`
    UPDATE messages m SET created_at = v.at
      FROM unnest(${moves.map((x) => x.conversationId)}::uuid[], ${moves.map((x) => x.senderId)}::text[],
                  ${moves.map((x) => x.clientMessageId)}::text[], ${moves.map((x) => x.at.toISOString())}::timestamptz[]) AS v(conversation_id, sender_id, client_message_id, at)
     WHERE m.conversation_id = v.conversation_id AND m.sender_id = v.sender_id AND m.client_message_id = v.client_message_id
       AND m.created_at > v.at
 RETURNING m.id, m.conversation_id`.execute(db);
  return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id }));
}
