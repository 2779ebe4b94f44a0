import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { v7 } from '../../../uuid.ts';

/** At most this many opens, and as many clicks, are kept per delivery: a replayed link cannot grow the tables without end. */
export const MAX_EVENTS_PER_DELIVERY = 100;

export interface EngagementWrite {
  logId: string;
  source: 'email_pixel' | 'email_link' | 'app';
  machine: boolean;
  machineReason: string | null;
  userAgent: string | null;
  at: Date;
}

const stamp = (at: Date) => at.toISOString();

/**
 * Records an open: a row in notification_opens (while the delivery has fewer than the cap), and,
 * for a person's first open, notification_logs.opened_at and the status moved forward (sent or
 * delivered → opened; never back), with an entry in its history. An in-app item opened is seen.
 * One statement; `first` says whether this was the person's first open.
 */
export async function recordOpen(db: Db, open: EngagementWrite): Promise<{ first: boolean }> {
  const entry = JSON.stringify([{ at: stamp(open.at), status: 'opened', detail: open.source }]);
  const result = await sql<{ first: number }>`
    WITH kept AS (
      INSERT INTO notification_opens (open_id, log_id, source, machine, machine_reason, user_agent, opened_at)
      SELECT ${v7()}::uuid, ${open.logId}::uuid, ${open.source}, ${open.machine}, ${open.machineReason}, ${open.userAgent}, ${open.at}
      WHERE (SELECT count(*) FROM notification_opens WHERE log_id = ${open.logId}::uuid) < ${MAX_EVENTS_PER_DELIVERY}
      RETURNING open_id),
    first AS (
      UPDATE notification_logs SET
        opened_at = ${open.at},
        seen_at = CASE WHEN channel = 'in-app' THEN coalesce(seen_at, ${open.at}) ELSE seen_at END,
        status = CASE WHEN status IN ('sent', 'delivered') THEN 'opened' ELSE status END,
        history = history || ${entry}::jsonb
      WHERE log_id = ${open.logId}::uuid AND NOT ${open.machine} AND opened_at IS NULL
      RETURNING log_id)
    SELECT (SELECT count(*) FROM first)::int AS first, (SELECT count(*) FROM kept)::int AS kept`.execute(db);
  return { first: (result.rows[0]?.first ?? 0) > 0 };
}
