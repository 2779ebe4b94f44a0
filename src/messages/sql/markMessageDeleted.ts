import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** Deletes a message's body, payload and index, keeping it as "deleted" (unless it already was). */
export async function markMessageDeleted(db: Db, messageId: string): Promise<MessageRow | undefined> {
  return db
    .updateTable('messages')
    .set({ content_encrypted: null, key_id: null, search_tokens: sql`'{}'::text[]`, payload: null, deleted_at: new Date(), masking: null })
    .where('id', '=', messageId)
    .where('deleted_at', 'is', null)
    .returning(messageColumns)
    .executeTakeFirst();
}
