import type { Db } from '../../../db/connect.ts';

/** A template's seller and text. */
export async function findTemplateText(db: Db, templateId: string): Promise<{ seller_id: string; content: string } | undefined> {
  return db.selectFrom('message_templates').select(['seller_id', 'content']).where('id', '=', templateId).executeTakeFirst();
}
