import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { FrequencyCap } from '../frequency-cap-settings.ts';

/** Of these users, those for whom some cap of the type is full at `at` (one more would exceed it): one read for the list. */
export async function findCappedUsers(db: Db, userIds: string[], notificationType: string, caps: FrequencyCap[], at: Date): Promise<string[]> {
  const result = await sql<{ user_id: string }>`
    WITH caps AS (
      SELECT c.max, c.hours FROM jsonb_to_recordset(${JSON.stringify(caps.map((c) => ({ max: c.max, hours: c.windowHours })))}::jsonb) AS c(max int, hours int)
    )
    SELECT DISTINCT s.user_id
      FROM notification_capped_sends s
      JOIN caps ON s.counted_at > ${at}::timestamptz - make_interval(hours => caps.hours) AND s.counted_at <= ${at}::timestamptz
     WHERE s.user_id = ANY(${userIds}::varchar[]) AND s.notification_type = ${notificationType}
     GROUP BY s.user_id, caps.max, caps.hours
    HAVING count(*) >= caps.max`.execute(db);
  return result.rows.map((r) => r.user_id);
}
