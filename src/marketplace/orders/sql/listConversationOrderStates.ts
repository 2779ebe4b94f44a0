import type { Db } from '../../../db/connect.ts';

/** The status and fulfilment of the orders of these conversations (those that have one). */
export async function listConversationOrderStates(db: Db, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db.selectFrom('marketplace_orders').select(['conversation_id', 'status', 'fulfilment']).where('conversation_id', 'in', conversationIds).execute();
}
