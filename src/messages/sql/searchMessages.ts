import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/**
 * Messages not deleted whose blind index holds every token of the query (tokens per key, as
 * the bodies were written under several keys), newest first, in the conversations `readable`
 * allows (the access policy's condition on `messages.conversation_id`; undefined: all).
 */
export async function searchMessages(
  db: Db,
  search: { tokensByKey: Map<string, string[]>; conversationId?: string; limit: number; readable?: RawBuilder<boolean> },
): Promise<MessageRow[]> {
  let q = db
    .selectFrom('messages')
    .select(messageColumns)
    .where('messages.deleted_at', 'is', null)
    .where((eb) => eb.or([...search.tokensByKey].map(([keyId, tokens]) => eb.and([eb('messages.key_id', '=', keyId), sql<boolean>`messages.search_tokens @> ${tokens}::text[]`]))))
    .orderBy('messages.created_at', 'desc')
    .limit(search.limit);
  if (search.conversationId) q = q.where('messages.conversation_id', '=', search.conversationId);
  if (search.readable) q = q.where(search.readable);
  return q.execute();
}
