import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The opens (counted, a person's apart from machines') and clicks (each, oldest first) of some deliveries. */
export async function listDeliveryEngagement(db: Db, logIds: string[]) {
  if (!logIds.length) return { opens: [], clicks: [] };
  const opens = await db
    .selectFrom('notification_opens')
    .select(['log_id', sql<number>`count(*) FILTER (WHERE NOT machine)::int`.as('people'), sql<number>`count(*) FILTER (WHERE machine)::int`.as('machines')])
    .where('log_id', 'in', logIds)
    .groupBy('log_id')
    .execute();
  const clicks = await db
    .selectFrom('notification_clicks')
    .select(['log_id', 'clicked_at', 'link_index', 'url', 'source', 'machine', 'machine_reason'])
    .where('log_id', 'in', logIds)
    .orderBy('clicked_at')
    .orderBy('click_id')
    .execute();
  return { opens, clicks };
}
