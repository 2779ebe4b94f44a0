import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MessageTemplatesTable } from '../../../db/schema.ts';

/** Stores a seller's new template. */
export async function insertMessageTemplate(db: Db, values: Insertable<MessageTemplatesTable>): Promise<Selectable<MessageTemplatesTable>> {
  return db.insertInto('message_templates').values(values).returningAll().executeTakeFirstOrThrow();
}
