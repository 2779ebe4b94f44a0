import type { Db } from '../../db/connect.ts';

/** The sequence number of a conversation's latest message (0 before the first), or undefined for no such conversation. */
export async function findLastMessageSeq(db: Db, conversationId: string): Promise<number | undefined> {
  const row = await db.selectFrom('conversations').select('last_message_seq').where('id', '=', conversationId).executeTakeFirst();
  return row?.last_message_seq;
}
