import type { Db } from '../../../db/connect.ts';

/** The seller's template that holds a shortcut, if any. */
export async function findMessageTemplateByShortcut(db: Db, sellerId: string, shortcut: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('message_templates').select(['id', 'name']).where('seller_id', '=', sellerId).where('shortcut', '=', shortcut).executeTakeFirst();
}
