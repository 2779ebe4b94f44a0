import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { MessageTemplatesTable } from '../../../db/schema.ts';

/** A template by id; with `owner`, only that seller's. */
export async function findMessageTemplate(db: Db, id: string, owner: string | null): Promise<Selectable<MessageTemplatesTable> | undefined> {
  let q = db.selectFrom('message_templates').selectAll().where('id', '=', id);
  if (owner !== null) q = q.where('seller_id', '=', owner);
  return q.executeTakeFirst();
}
