import type { Db } from '../../db/connect.ts';

/** Who sent a message of a conversation; undefined when it is not one of its messages. */
export async function findMessageSender(db: Db, conversationId: string, messageId: string): Promise<string | undefined> {
  const row = await db.selectFrom('messages').select('sender_id').where('conversation_id', '=', conversationId).where('id', '=', messageId).executeTakeFirst();
  return row?.sender_id;
}
