import type { Db } from '../../../db/connect.ts';

/** Erasure: removes a seller's message templates and quick replies. Rows removed per table. */
export async function deleteSellerReplies(db: Db, sellerId: string): Promise<{ templates: number; quickReplies: number }> {
  const templates = await db.deleteFrom('message_templates').where('seller_id', '=', sellerId).executeTakeFirst();
  const quickReplies = await db.deleteFrom('quick_replies').where('seller_id', '=', sellerId).executeTakeFirst();
  return { templates: Number(templates.numDeletedRows), quickReplies: Number(quickReplies.numDeletedRows) };
}
