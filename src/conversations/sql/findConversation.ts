import type { Db } from '../../db/connect.ts';
import { conversationColumns, type ConversationRow } from './conversationColumns.ts';

export async function findConversation(db: Db, conversationId: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations as c').select(conversationColumns).where('c.id', '=', conversationId).executeTakeFirst();
}
