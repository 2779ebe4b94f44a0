import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MessageTemplatesTable } from '../../../db/schema.ts';

/** A seller's templates, in no particular order. */
export async function listMessageTemplates(db: Db, sellerId: string): Promise<Selectable<MessageTemplatesTable>[]> {
  return db.selectFrom('message_templates').selectAll().where('seller_id', '=', sellerId).execute();
}
