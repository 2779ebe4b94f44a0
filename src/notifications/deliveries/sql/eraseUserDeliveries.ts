import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Erasure: a person's deliveries stay as counted figures under their pseudonym, without where
 * they went (recipient), what they said (content, metadata, error text) or their history; the
 * ones not yet sent are cancelled and leave the queue; their daily promotional counts go, and so
 * do the links of their emails and each open and click recorded (user agents, URLs): when they
 * first opened and clicked stays, as a figure. Rows changed per table.
 */
export async function eraseUserDeliveries(
  db: Db,
  userId: string,
  pseudonym: string,
): Promise<{ deliveries: number; queued: number; dailyCounts: number; opens: number; clicks: number; links: number }> {
  const engagement = await sql<{ opens: number; clicks: number; links: number }>`
    WITH mine AS (SELECT log_id FROM notification_logs WHERE user_id = ${userId}),
    opens AS (DELETE FROM notification_opens WHERE log_id IN (SELECT log_id FROM mine) RETURNING 1),
    clicks AS (DELETE FROM notification_clicks WHERE log_id IN (SELECT log_id FROM mine) RETURNING 1),
    links AS (DELETE FROM notification_links WHERE log_id IN (SELECT log_id FROM mine) RETURNING 1)
    SELECT (SELECT count(*) FROM opens)::int AS opens, (SELECT count(*) FROM clicks)::int AS clicks, (SELECT count(*) FROM links)::int AS links`.execute(db);
  const queued = await sql`
    DELETE FROM notification_queue q USING notification_logs n
     WHERE n.user_id = ${userId} AND q.log_id = n.log_id`.execute(db);
  const deliveries = await sql`
    UPDATE notification_logs
       SET user_id = ${pseudonym},
           status = CASE WHEN status IN ('queued', 'standby', 'sending') THEN 'cancelled' ELSE status END,
           recipient = '{}'::jsonb,
           content = '{}'::jsonb,
           metadata = NULL,
           error_message = NULL,
           history = '[]'::jsonb
     WHERE user_id = ${userId}`.execute(db);
  const dailyCounts = await db.deleteFrom('notification_daily_counts').where('user_id', '=', userId).executeTakeFirst();
  const e = engagement.rows[0];
  return {
    deliveries: Number(deliveries.numAffectedRows ?? 0),
    queued: Number(queued.numAffectedRows ?? 0),
    dailyCounts: Number(dailyCounts.numDeletedRows),
    opens: Number(e?.opens ?? 0),
    clicks: Number(e?.clicks ?? 0),
    links: Number(e?.links ?? 0),
  };
}
