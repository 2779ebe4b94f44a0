import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * The queue's depth: due now, scheduled for later, and being sent (leased); and `urgent`, those
 * due or being sent above low priority (the work a medium-priority notification waits behind).
 */
export async function countQueueDepth(db: Db): Promise<{ due: number; scheduled: number; sending: number; urgent: number }> {
  const { rows } = await sql<{ due: number; scheduled: number; sending: number; urgent: number }>`
        SELECT count(*) FILTER (WHERE NOT leased AND due_at <= now())::int AS due,
               count(*) FILTER (WHERE NOT leased AND due_at > now())::int AS scheduled,
               count(*) FILTER (WHERE leased)::int AS sending,
               count(*) FILTER (WHERE priority > 0 AND (leased OR due_at <= now()))::int AS urgent
        FROM notification_queue`.execute(db);
  return rows[0]!;
}
