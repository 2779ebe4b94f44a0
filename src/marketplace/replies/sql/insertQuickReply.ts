import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { QuickRepliesTable } from '../../../db/schema.ts';

/** Stores a seller's new quick reply. */
export async function insertQuickReply(db: Db, values: Insertable<QuickRepliesTable>): Promise<Selectable<QuickRepliesTable>> {
  return db.insertInto('quick_replies').values(values).returningAll().executeTakeFirstOrThrow();
}
