import type { Db } from '../../db/connect.ts';

/** Of the given ids, the attachments this user uploaded to this conversation and has not sent yet. */
export async function findUnsentAttachments(db: Db, conversationId: string, uploaderId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('message_attachments')
    .select(['id', 'mime_type'])
    .where('id', 'in', ids)
    .where('conversation_id', '=', conversationId)
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .execute();
}
