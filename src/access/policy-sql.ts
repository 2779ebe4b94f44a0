import { type RawBuilder, sql } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import { isParticipantSql } from '../conversations/sql/isParticipantSql.ts';
import { isOperator } from './policy.ts';

/**
 * The policy's decisions folded into SQL, for hot paths that check access inside the statement
 * that does the work. Each grants exactly what `requireAccess` grants for its permission, for
 * the principals it is used for (test/access-sql.test.ts compares them case by case).
 */
export const policySql = {
  /**
   * Whether the principal's `participant`-rule permissions (conversation.read, message.send,
   * message.receipt) come down to taking part in the conversation, so that `participant`
   * decides them. False for operators, who may act in any conversation: they take the checked
   * path (requireAccess).
   */
  decidedByParticipation: (principal: Principal): boolean => !isOperator(principal),

  /** The user takes part in the conversation: what a `participant`-rule permission requires of a non-operator. */
  participant: (conversationId: RawBuilder<unknown>, userId: RawBuilder<unknown> | string): RawBuilder<boolean> =>
    isParticipantSql(conversationId, typeof userId === 'string' ? sql`${userId}` : userId),

  /**
   * conversation.read over many conversations at once (search, lists): the condition on
   * `conversationId` for this principal, or undefined when every conversation is readable.
   */
  readable: (principal: Principal, conversationId: RawBuilder<unknown>): RawBuilder<boolean> | undefined =>
    isOperator(principal) ? undefined : isParticipantSql(conversationId, sql`${principal.userId}`),
};
