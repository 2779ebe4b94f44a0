import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** Messages of a conversation by id, in sequence order (a single one, for a change, too). */
export async function findMessagesByIds(db: Db, conversationId: string, ids: string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('messages').select(messageColumns).where('conversation_id', '=', conversationId).where('id', 'in', ids).orderBy('seq').execute();
}
