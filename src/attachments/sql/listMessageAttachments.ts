import type { Db } from '../../db/connect.ts';

/** The attachments sent with messages, in upload order. */
export async function listMessageAttachments(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'file_name', 'mime_type', 'size_bytes', 'duration_ms'])
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
}
