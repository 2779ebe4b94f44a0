import type { Db } from '../../db/connect.ts';

/** Erasure: removes the attachments a person uploaded; answers their storage keys, whose files the caller removes once committed. */
export async function deleteUploaderAttachments(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('message_attachments').where('uploader_id', '=', userId).returning('storage_key').execute();
  return rows.map((r) => r.storage_key);
}
