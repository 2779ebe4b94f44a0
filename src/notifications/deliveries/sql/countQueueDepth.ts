import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The queue's depth: due now, scheduled for later, and being sent (leased). */
export async function countQueueDepth(db: Db): Promise<{ due: number; scheduled: number; sending: number }> {
  const { rows } = await sql<{ due: number; scheduled: number; sending: number }>`
        SELECT count(*) FILTER (WHERE NOT leased AND due_at <= now())::int AS due,
               count(*) FILTER (WHERE NOT leased AND due_at > now())::int AS scheduled,
               count(*) FILTER (WHERE leased)::int AS sending
        FROM notification_queue`.execute(db);
  return rows[0]!;
}
