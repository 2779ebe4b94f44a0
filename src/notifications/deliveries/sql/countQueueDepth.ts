import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The queue's depth: due now, scheduled for later, and being sent. */
export async function countQueueDepth(db: Db): Promise<{ due: number; scheduled: number; sending: number }> {
  const { rows } = await sql<{ due: number; scheduled: number; sending: number }>`
        SELECT count(*) FILTER (WHERE status <> 'sending' AND due_at <= now())::int AS due,
               count(*) FILTER (WHERE status <> 'sending' AND due_at > now())::int AS scheduled,
               count(*) FILTER (WHERE status = 'sending')::int AS sending
        FROM notification_logs WHERE status IN ('queued', 'standby', 'sending')`.execute(db);
  return rows[0]!;
}
