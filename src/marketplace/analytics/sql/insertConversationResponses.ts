import type { Insertable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ConversationResponsesTable } from '../../../db/schema.ts';

/** Stores a conversation's new questions, answered or not. */
export async function insertConversationResponses(trx: Db, rows: Insertable<ConversationResponsesTable>[]): Promise<void> {
  await trx
    .insertInto('conversation_responses')
    .values(rows)
    .execute();
}
