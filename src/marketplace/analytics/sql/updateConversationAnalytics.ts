import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ConversationAnalyticsTable } from '../../../db/schema.ts';

/** Writes a conversation's figures (with the sequence number they cover); updated_at is now. */
export async function updateConversationAnalytics(trx: Db, conversationId: string, figures: Omit<Updateable<ConversationAnalyticsTable>, 'updated_at'>): Promise<void> {
  await trx
    .updateTable('conversation_analytics')
    .set({ ...figures, updated_at: sql`now()` })
    .where('conversation_id', '=', conversationId)
    .execute();
}
