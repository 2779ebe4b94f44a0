import type { Db } from '../../db/connect.ts';
import { messageColumns, type MessageRow } from './messageColumns.ts';

/** Replaces a message's body (unless it was deleted meanwhile) and marks it edited. */
export async function updateMessageContent(
  db: Db,
  messageId: string,
  content: { ciphertext: Buffer; keyId: string; tokens: string[]; masking: unknown },
): Promise<MessageRow | undefined> {
  return db
    .updateTable('messages')
    .set({
      content_encrypted: content.ciphertext,
      key_id: content.keyId,
      search_tokens: content.tokens,
      edited_at: new Date(),
      masking: content.masking ? JSON.stringify(content.masking) : null,
    })
    .where('id', '=', messageId)
    .where('deleted_at', 'is', null)
    .returning(messageColumns)
    .executeTakeFirst();
}
