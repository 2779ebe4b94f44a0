import type { RawBuilder } from 'kysely';
import { isParticipantSql } from '../conversations/sql/isParticipantSql.ts';

/**
 * The policy's decisions folded into SQL, for hot paths that check access inside the statement
 * that does the work. Each grants exactly what `requireAccess` grants for its permission (a test
 * compares them case by case); operators are left out here: they take the checked path.
 */
export const policySql = {
  /** message.send, message.receipt, conversation.read for a non-operator: a participant of the conversation. */
  participant: (conversationId: RawBuilder<unknown>, userId: RawBuilder<unknown>) => isParticipantSql(conversationId, userId),
};
