import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The buyer and seller joined their conversation when it began, not later (demo backdating). */
export async function alignPartiesJoinedAt(db: Db, conversationIds: readonly string[]): Promise<void> {
  await sql`
    UPDATE conversation_participants p SET joined_at = c.created_at
      FROM conversations c
     WHERE c.id = p.conversation_id AND p.conversation_id = ANY(${conversationIds}::uuid[]) AND p.role IN ('buyer', 'seller') AND p.joined_at > c.created_at`.execute(db);
}
