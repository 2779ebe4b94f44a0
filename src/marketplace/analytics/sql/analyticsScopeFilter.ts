import { type RawBuilder, sql } from 'kysely';

/** Whose figures a query covers: one seller, one conversation, or every seller. */
export type AnalyticsScope = { sellerId: string } | { conversationId: string } | { everySeller: true };

/** The condition on seller_id or conversation_id that keeps a scope's rows of the analytics tables. */
export function scopeFilter(scope: AnalyticsScope): RawBuilder<boolean> {
  if ('sellerId' in scope) return sql<boolean>`seller_id = ${scope.sellerId}`;
  if ('conversationId' in scope) return sql<boolean>`conversation_id = ${scope.conversationId}`;
  return sql<boolean>`seller_id IS NOT NULL`;
}
