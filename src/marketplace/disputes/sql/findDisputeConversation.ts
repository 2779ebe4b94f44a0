import type { Db } from '../../../db/connect.ts';

/** The conversation a dispute is about, and who opened it. */
export async function findDisputeConversation(db: Db, disputeId: string): Promise<{ conversationId: string; openedBy: string } | undefined> {
  const row = await db.selectFrom('disputes').select(['conversation_id', 'opened_by']).where('id', '=', disputeId).executeTakeFirst();
  return row ? { conversationId: row.conversation_id, openedBy: row.opened_by } : undefined;
}
