import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Users who share a conversation with `userId` (people, not the platform): those who see their presence. */
export async function listConversationPeers(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ user_id: string }>`
    SELECT DISTINCT other.user_id FROM conversation_participants mine
      JOIN conversation_participants other ON other.conversation_id = mine.conversation_id
     WHERE mine.user_id = ${userId} AND other.user_id <> ${userId} AND other.role <> 'system'
     LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => r.user_id);
}
