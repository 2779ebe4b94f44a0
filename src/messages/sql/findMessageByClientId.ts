import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** The message a sender stored under a `clientMessageId`, if any. */
export async function findMessageByClientId(db: Db, conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .select(messageColumns)
    .where('conversation_id', '=', conversationId)
    .where('sender_id', '=', senderId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}
