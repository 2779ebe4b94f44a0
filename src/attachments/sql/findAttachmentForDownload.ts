import type { Db } from '../../db/connect.ts';

/** An attachment with what a download needs: its file, uploader, message and whether that message was deleted. */
export async function findAttachmentForDownload(db: Db, attachmentId: string) {
  return db
    .selectFrom('message_attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .select(['a.conversation_id', 'a.message_id', 'a.uploader_id', 'a.file_name', 'a.mime_type', 'a.size_bytes', 'a.storage_key', 'm.deleted_at'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}
