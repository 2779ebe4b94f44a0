import { sql } from 'kysely';
import { policySql } from '../../access/policy-sql.ts';
import type { Db } from '../../db/connect.ts';

/**
 * Of the given conversations, those a user takes part in: the ones their socket hears live and
 * may replay on resume (conversation.read for a non-operator, folded into this statement by the
 * access policy). Ids must be uuids.
 */
export async function listFollowedConversations(db: Db, userId: string, conversationIds: string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const result = await sql<{ id: string }>`
    SELECT c.id FROM unnest(${conversationIds}::uuid[]) AS c(id)
     WHERE ${policySql.participant(sql.ref('c.id'), userId)}`.execute(db);
  return result.rows.map((r) => r.id);
}
