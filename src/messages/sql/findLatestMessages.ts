import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** The message at each conversation's given sequence number (its latest, for the inbox). */
export async function findLatestMessages(db: Db, wanted: { conversationId: string; seq: number }[]): Promise<MessageRow[]> {
  if (wanted.length === 0) return [];
  return db
    .selectFrom('messages')
    .select(messageColumns)
    .where((eb) => eb.or(wanted.map((c) => eb.and([eb('conversation_id', '=', c.conversationId), eb('seq', '=', c.seq)]))))
    .execute();
}
