import type { Db } from '../../../db/connect.ts';

/** One template by id. */
export async function findTemplate(db: Db, templateId: string) {
  return db.selectFrom('notification_templates').selectAll().where('template_id', '=', templateId).executeTakeFirst();
}

/** The templates of a key and channel in any of these locales. */
export async function findTemplatesInLocales(db: Db, key: string, channel: string, locales: string[]) {
  return db.selectFrom('notification_templates').selectAll().where('template_key', '=', key).where('channel', '=', channel).where('locale', 'in', locales).execute();
}
