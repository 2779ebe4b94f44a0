import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { QuickRepliesTable } from '../../../db/schema.ts';

/** A seller's quick replies, oldest first. */
export async function listQuickReplies(db: Db, sellerId: string): Promise<Selectable<QuickRepliesTable>[]> {
  return db.selectFrom('quick_replies').selectAll().where('seller_id', '=', sellerId).orderBy('created_at').orderBy('id').execute();
}
