import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { FrequencyCap } from '../frequency-cap-settings.ts';

/**
 * Counts a request against a user's caps of its type at `at` when every cap has room (or when it
 * was counted before: another channel of the same request, a retry) and prunes what is older than
 * the longest window. Answers whether it may go out and, if not, the caps that are full. Run under
 * lockCappedUser so concurrent workers see each other's counts. A window has no upper bound here:
 * a worker that read its clock before waiting for the lock still counts what others counted
 * meanwhile, a moment "later".
 */
export async function admitCappedSend(
  trx: Db,
  send: { userId: string; notificationType: string; requestId: string; at: Date },
  caps: FrequencyCap[],
): Promise<{ allowed: boolean; full: FrequencyCap[] }> {
  const { userId, notificationType, requestId, at } = send;
  const longest = Math.max(...caps.map((c) => c.windowHours));
  const result = await sql<{ counted: boolean; inserted: boolean; full: FrequencyCap[] | null }>`
    WITH caps AS (
      SELECT c.max, c.hours FROM jsonb_to_recordset(${JSON.stringify(caps.map((c) => ({ max: c.max, hours: c.windowHours })))}::jsonb) AS c(max int, hours int)
    ),
    existing AS (
      SELECT 1 FROM notification_capped_sends
       WHERE user_id = ${userId} AND notification_type = ${notificationType} AND request_id = ${requestId}::uuid
    ),
    full_caps AS (
      SELECT caps.max, caps.hours FROM caps
       WHERE (SELECT count(*) FROM notification_capped_sends s
               WHERE s.user_id = ${userId} AND s.notification_type = ${notificationType}
                 AND s.counted_at > ${at}::timestamptz - make_interval(hours => caps.hours)) >= caps.max
    ),
    -- A data-modifying WITH runs whether or not it is read.
    pruned AS (
      DELETE FROM notification_capped_sends
       WHERE user_id = ${userId} AND notification_type = ${notificationType}
         AND counted_at <= ${at}::timestamptz - make_interval(hours => ${longest}::int)
      RETURNING 1
    ),
    inserted AS (
      INSERT INTO notification_capped_sends (user_id, notification_type, request_id, counted_at)
      SELECT ${userId}, ${notificationType}, ${requestId}::uuid, ${at}::timestamptz
       WHERE NOT EXISTS (SELECT 1 FROM existing) AND NOT EXISTS (SELECT 1 FROM full_caps)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM existing) AS counted,
           EXISTS (SELECT 1 FROM inserted) AS inserted,
           (SELECT jsonb_agg(jsonb_build_object('max', max, 'windowHours', hours) ORDER BY hours) FROM full_caps) AS "full"`.execute(trx);
  const row = result.rows[0];
  return { allowed: Boolean(row?.counted || row?.inserted), full: row?.counted ? [] : (row?.full ?? []) };
}
