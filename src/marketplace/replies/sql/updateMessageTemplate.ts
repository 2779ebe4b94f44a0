import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MessageTemplatesTable } from '../../../db/schema.ts';

/** Replaces a seller's template's fields; undefined when the seller has no such template. */
export async function updateMessageTemplate(db: Db, id: string, sellerId: string, fields: Updateable<MessageTemplatesTable>): Promise<Selectable<MessageTemplatesTable> | undefined> {
  return db
    .updateTable('message_templates')
    .set({ ...fields, updated_at: new Date() })
    .where('id', '=', id)
    .where('seller_id', '=', sellerId)
    .returningAll()
    .executeTakeFirst();
}
