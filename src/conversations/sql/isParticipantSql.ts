import { type RawBuilder, sql } from 'kysely';

/**
 * "This user takes part in this conversation" as a SQL condition, for statements that fold the
 * access check into their own work (the batched chat send, the socket resume). The access
 * policy hands it out (src/access/policy-sql.ts); a test holds it to what the policy grants.
 */
export function isParticipantSql(conversationId: RawBuilder<unknown>, userId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = ${conversationId} AND p.user_id = ${userId})`;
}
