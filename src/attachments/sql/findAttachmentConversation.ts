import type { Db } from '../../db/connect.ts';

/** The conversation an attachment was uploaded to. */
export async function findAttachmentConversation(db: Db, attachmentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('message_attachments').select('conversation_id').where('id', '=', attachmentId).executeTakeFirst();
  return row?.conversation_id;
}
