import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** A channel that failed for good hands over to the next step of its request at once instead of at its timer. */
export async function promoteFallbackSteps(db: Db, steps: { requestId: string; step: number }[]): Promise<void> {
  if (!steps.length) return;
  await sql`
        UPDATE notification_logs SET due_at = now()
        FROM unnest(${steps.map((p) => p.requestId)}::uuid[], ${steps.map((p) => p.step)}::smallint[]) AS p(request_id, step)
        WHERE notification_logs.request_id = p.request_id AND notification_logs.step = p.step AND notification_logs.status = 'standby'`.execute(db);
}
