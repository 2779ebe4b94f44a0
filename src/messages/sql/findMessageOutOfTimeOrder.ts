import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The first message of these conversations created before the message before it, if any. */
export async function findMessageOutOfTimeOrder(db: Db, conversationIds: readonly string[]): Promise<{ conversationId: string; seq: number } | undefined> {
  const { rows } = await sql<{ conversation_id: string; seq: number }>`
    SELECT conversation_id, seq FROM (
      SELECT conversation_id, seq, created_at < lag(created_at) OVER (PARTITION BY conversation_id ORDER BY seq) AS earlier
        FROM messages WHERE conversation_id = ANY(${conversationIds}::uuid[])
    ) t WHERE earlier LIMIT 1`.execute(db);
  return rows[0] ? { conversationId: rows[0].conversation_id, seq: rows[0].seq } : undefined;
}
