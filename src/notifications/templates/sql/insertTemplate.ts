import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';

/** Stores a new template; undefined when one exists already for its key, channel and locale. */
export async function insertTemplate(db: Db, input: { key: string; channel: string; locale: string; content: unknown }) {
  return db
    .insertInto('notification_templates')
    .values({ template_id: randomUUID(), template_key: input.key, channel: input.channel, locale: input.locale, content: JSON.stringify(input.content), created_at: new Date(), updated_at: new Date() })
    .onConflict((oc) => oc.columns(['template_key', 'channel', 'locale']).doNothing())
    .returningAll()
    .executeTakeFirst();
}
