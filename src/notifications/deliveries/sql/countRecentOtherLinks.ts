import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** How many other links of the delivery's message were clicked since `since` (a scanner sweeping every link). */
export async function countRecentOtherLinks(db: Db, logId: string, linkIndex: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('notification_clicks')
    .select(sql<number>`count(DISTINCT link_index)::int`.as('n'))
    .where('log_id', '=', logId)
    .where('clicked_at', '>=', since)
    .where('link_index', '<>', linkIndex)
    .executeTakeFirst();
  return row?.n ?? 0;
}
