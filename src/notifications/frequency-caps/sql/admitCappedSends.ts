import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { FrequencyCap } from '../frequency-cap-settings.ts';

/** One notification request to count against its user's caps (distinct request ids). */
export interface CappedSend {
  userId: string;
  requestId: string;
  at: Date;
}

/**
 * Counts a list of requests of one type against their users' caps in one statement, as if one
 * after another in list order: a request is counted at its `at` when, for every cap, the user's
 * requests counted in the window before it plus those of the same user earlier in the list that
 * are new leave room (a request counted before, as another channel or a retry, is let through
 * without counting again). Prunes what is older than the longest window. Answers, per request id,
 * whether it may go out and, if not, the caps that are full. Run under lockCappedUsers so
 * concurrent workers see each other's counts. A window has no upper bound here: a worker that
 * read its clock before waiting for the lock still counts what others counted meanwhile, a moment "later".
 */
export async function admitCappedSends(trx: Db, notificationType: string, sends: CappedSend[], caps: FrequencyCap[]): Promise<Map<string, { allowed: boolean; full: FrequencyCap[] }>> {
  const longest = Math.max(...caps.map((c) => c.windowHours));
  const list = sends.map((s, i) => ({ user_id: s.userId, request_id: s.requestId, at: s.at.toISOString(), ord: i }));
  // The users and request ids also go as arrays: with them the planner reads the table by its
  // indexes whatever its statistics (it cannot see how many rows the JSON list holds).
  const userIds = [...new Set(sends.map((s) => s.userId))];
  const requestIds = sends.map((s) => s.requestId);
  const result = await sql<{ request_id: string; allowed: boolean; full: FrequencyCap[] | null }>`
    WITH caps AS (
      SELECT c.max, c.hours FROM jsonb_to_recordset(${JSON.stringify(caps.map((c) => ({ max: c.max, hours: c.windowHours })))}::jsonb) AS c(max int, hours int)
    ),
    already AS (
      SELECT c.request_id FROM notification_capped_sends c
       WHERE c.user_id = ANY(${userIds}::varchar[]) AND c.notification_type = ${notificationType} AND c.request_id = ANY(${requestIds}::uuid[])
    ),
    sends AS (
      SELECT s.user_id, s.request_id, s.at, s.ord, s.request_id IN (SELECT request_id FROM already) AS counted
        FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS s(user_id varchar, request_id uuid, at timestamptz, ord int)
    ),
    fresh AS (
      SELECT s.*, row_number() OVER (PARTITION BY s.user_id ORDER BY s.ord) - 1 AS ahead FROM sends s WHERE NOT s.counted
    ),
    full_caps AS (
      SELECT f.request_id, caps.max, caps.hours
        FROM fresh f CROSS JOIN caps
       WHERE f.ahead + (SELECT count(*) FROM notification_capped_sends c
                         WHERE c.user_id = f.user_id AND c.notification_type = ${notificationType}
                           AND c.counted_at > f.at - make_interval(hours => caps.hours)) >= caps.max
    ),
    -- A data-modifying WITH runs whether or not it is read.
    pruned AS (
      DELETE FROM notification_capped_sends
       WHERE user_id = ANY(${userIds}::varchar[]) AND notification_type = ${notificationType}
         AND counted_at <= ${new Date(Math.min(...sends.map((s) => s.at.getTime())))}::timestamptz - make_interval(hours => ${longest}::int)
      RETURNING 1
    ),
    inserted AS (
      INSERT INTO notification_capped_sends (user_id, notification_type, request_id, counted_at)
      SELECT f.user_id, ${notificationType}, f.request_id, f.at FROM fresh f
       WHERE NOT EXISTS (SELECT 1 FROM full_caps x WHERE x.request_id = f.request_id)
      RETURNING request_id
    )
    SELECT s.request_id,
           s.counted OR EXISTS (SELECT 1 FROM inserted i WHERE i.request_id = s.request_id) AS allowed,
           (SELECT jsonb_agg(jsonb_build_object('max', x.max, 'windowHours', x.hours) ORDER BY x.hours) FROM full_caps x WHERE x.request_id = s.request_id) AS "full"
      FROM sends s`.execute(trx);
  return new Map(result.rows.map((r) => [String(r.request_id), { allowed: Boolean(r.allowed), full: r.full ?? [] }]));
}
