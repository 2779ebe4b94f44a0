import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** A conversation's messages after a sequence number, in order. */
export async function listMessagesAfter(db: Db, conversationId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .select(messageColumns)
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}
