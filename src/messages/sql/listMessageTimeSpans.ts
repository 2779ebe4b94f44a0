import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** When each of these conversations' first and last messages were created. */
export async function listMessageTimeSpans(db: Db, conversationIds: readonly string[]): Promise<{ conversationId: string; firstAt: Date; lastAt: Date }[]> {
  const { rows } = await sql<{ conversation_id: string; first_at: Date; last_at: Date }>`
    SELECT conversation_id, min(created_at) AS first_at, max(created_at) AS last_at
      FROM messages WHERE conversation_id = ANY(${conversationIds}::uuid[]) GROUP BY conversation_id`.execute(db);
  return rows.map((r) => ({ conversationId: r.conversation_id, firstAt: new Date(r.first_at), lastAt: new Date(r.last_at) }));
}
