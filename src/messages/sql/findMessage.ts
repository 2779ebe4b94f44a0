import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** One message of a conversation. */
export async function findMessage(db: Db, conversationId: string, messageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').select(messageColumns).where('id', '=', messageId).where('conversation_id', '=', conversationId).executeTakeFirst();
}
