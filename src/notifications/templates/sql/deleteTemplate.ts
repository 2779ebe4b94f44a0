import type { Db } from '../../../db/connect.ts';

/** Deletes a template; its key, or undefined when there was none. */
export async function deleteTemplate(db: Db, templateId: string): Promise<string | undefined> {
  const row = await db.deleteFrom('notification_templates').where('template_id', '=', templateId).returning('template_key').executeTakeFirst();
  return row?.template_key;
}
