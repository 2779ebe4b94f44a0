import type { Db } from '../../db/connect.ts';

/** Records an uploaded file, not yet sent in any message. */
export async function insertAttachment(
  db: Db,
  a: { id: string; conversationId: string; uploaderId: string; fileName: string; mimeType: string; size: number; sha256: string; storageKey: string; durationMs: number | null },
): Promise<void> {
  await db
    .insertInto('message_attachments')
    .values({
      id: a.id,
      conversation_id: a.conversationId,
      uploader_id: a.uploaderId,
      file_name: a.fileName,
      mime_type: a.mimeType,
      size_bytes: a.size,
      sha256: a.sha256,
      storage_key: a.storageKey,
      duration_ms: a.durationMs,
    })
    .execute();
}
