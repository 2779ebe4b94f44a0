import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Activity counted per user and hour: the hour is its UTC start. */
export interface ActivityHour {
  userId: string;
  hourStart: Date;
  events: number;
}

/**
 * A person's opens and clicks (machines' left out) since `since`, for many users at once, counted
 * per user and hour (UTC hours since the epoch, so a reader can place each hour in any time zone,
 * daylight saving included). One statement: the users' deliveries by user id, their opens and
 * clicks by delivery.
 */
export async function listEngagementHours(db: Db, userIds: readonly string[], since: Date): Promise<ActivityHour[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ user_id: string; hour: number; events: number }>`
    SELECT l.user_id, e.hour, count(*)::int AS events
      FROM notification_logs l
      CROSS JOIN LATERAL (
        SELECT floor(extract(epoch FROM o.opened_at) / 3600)::int AS hour FROM notification_opens o
         WHERE o.log_id = l.log_id AND NOT o.machine AND o.opened_at >= ${since}
        UNION ALL
        SELECT floor(extract(epoch FROM c.clicked_at) / 3600)::int FROM notification_clicks c
         WHERE c.log_id = l.log_id AND NOT c.machine AND c.clicked_at >= ${since}) e
     WHERE l.user_id = ANY(${userIds}::text[])
     GROUP BY l.user_id, e.hour`.execute(db);
  return rows.map((r) => ({ userId: r.user_id, hourStart: new Date(Number(r.hour) * 3_600_000), events: Number(r.events) }));
}
