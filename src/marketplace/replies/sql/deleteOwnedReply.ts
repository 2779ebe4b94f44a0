import type { Db } from '../../../db/connect.ts';

/** Deletes a template or quick reply by id (with `owner`, only that seller's); answers its seller, or undefined when none was deleted. */
export async function deleteOwnedReply(db: Db, table: 'message_templates' | 'quick_replies', id: string, owner: string | null): Promise<{ seller_id: string } | undefined> {
  let q = db.deleteFrom(table).where('id', '=', id);
  if (owner !== null) q = q.where('seller_id', '=', owner);
  return q.returning('seller_id').executeTakeFirst();
}
