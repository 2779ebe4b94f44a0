import type { Db } from '../../db/connect.ts';

/** The attachments sent in a conversation, with where their bytes are stored, in upload order. */
export async function listSentAttachmentFiles(db: Db, conversationId: string) {
  return db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'uploader_id', 'file_name', 'mime_type', 'size_bytes', 'sha256', 'storage_key', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('message_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
