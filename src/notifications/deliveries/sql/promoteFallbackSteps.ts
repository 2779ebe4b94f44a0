import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * A channel that failed for good hands over to the next step of its request at once instead of
 * at its timer: that step's queue row (still on standby, not being sent) becomes due now.
 */
export async function promoteFallbackSteps(db: Db, steps: { requestId: string; step: number }[]): Promise<void> {
  if (!steps.length) return;
  await sql`
        UPDATE notification_queue q SET due_at = now()
        FROM notification_logs n, unnest(${steps.map((p) => p.requestId)}::uuid[], ${steps.map((p) => p.step)}::smallint[]) AS p(request_id, step)
        WHERE n.request_id = p.request_id AND n.step = p.step AND n.status = 'standby'
          AND q.log_id = n.log_id AND NOT q.leased AND q.due_at > now()`.execute(db);
}
