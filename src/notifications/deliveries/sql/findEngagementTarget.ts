import type { Db } from '../../../db/connect.ts';

/**
 * The delivery an open or a click is about, with the link at `linkIndex` of its message when
 * one is asked for (url undefined when the message has no such link).
 */
export async function findEngagementTarget(db: Db, logId: string, linkIndex?: number) {
  const row = await db
    .selectFrom('notification_logs')
    .select(['log_id', 'user_id', 'channel', 'status', 'send_time', 'notification_type', 'opened_at', 'clicked_at'])
    .where('log_id', '=', logId)
    .executeTakeFirst();
  if (!row || linkIndex === undefined) return row && { ...row, url: undefined as string | undefined };
  const link = await db.selectFrom('notification_links').select('url').where('log_id', '=', logId).where('link_index', '=', linkIndex).executeTakeFirst();
  return { ...row, url: link?.url };
}
