import type { Db } from '../../../db/connect.ts';

/** Templates by key, channel and locale (at most 1,000), optionally of one key or channel. */
export async function listTemplates(db: Db, filter: { key?: string; channel?: string }) {
  let q = db.selectFrom('notification_templates').selectAll().orderBy('template_key').orderBy('channel').orderBy('locale').limit(1000);
  if (filter.key) q = q.where('template_key', '=', filter.key);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  return q.execute();
}
