import type { Db } from '../../../db/connect.ts';

/** Replaces a template's content, its version going up; undefined when there is no such template. */
export async function updateTemplateContent(db: Db, templateId: string, content: unknown) {
  return db
    .updateTable('notification_templates')
    .set((eb) => ({ content: JSON.stringify(content), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('template_id', '=', templateId)
    .returningAll()
    .executeTakeFirst();
}
