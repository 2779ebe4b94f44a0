import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { v7 } from '../../../uuid.ts';
import { type EngagementWrite, MAX_EVENTS_PER_DELIVERY } from './recordOpen.ts';

const stamp = (at: Date) => at.toISOString();

/**
 * Records a click: a row in notification_clicks (while the delivery has fewer than the cap), and,
 * for a person's first click, notification_logs.clicked_at (and opened_at, if no open was seen:
 * the images may have been blocked), the status moved forward (→ clicked; never back) and a
 * history entry. An in-app item clicked is read and seen. One statement.
 */
export async function recordClick(db: Db, click: EngagementWrite & { linkIndex: number | null; url: string | null }): Promise<{ first: boolean }> {
  const entry = JSON.stringify([{ at: stamp(click.at), status: 'clicked', detail: click.url ?? click.source }]);
  const result = await sql<{ first: number }>`
    WITH kept AS (
      INSERT INTO notification_clicks (click_id, log_id, link_index, url, source, machine, machine_reason, user_agent, clicked_at)
      SELECT ${v7()}::uuid, ${click.logId}::uuid, ${click.linkIndex}::int, ${click.url}::text, ${click.source}, ${click.machine}, ${click.machineReason}, ${click.userAgent}, ${click.at}
      WHERE (SELECT count(*) FROM notification_clicks WHERE log_id = ${click.logId}::uuid) < ${MAX_EVENTS_PER_DELIVERY}
      RETURNING click_id),
    first AS (
      UPDATE notification_logs SET
        clicked_at = ${click.at},
        opened_at = coalesce(opened_at, ${click.at}),
        seen_at = CASE WHEN channel = 'in-app' THEN coalesce(seen_at, ${click.at}) ELSE seen_at END,
        read_at = CASE WHEN channel = 'in-app' THEN coalesce(read_at, ${click.at}) ELSE read_at END,
        status = CASE WHEN status IN ('sent', 'delivered', 'opened', 'read') THEN 'clicked' ELSE status END,
        history = history || ${entry}::jsonb
      WHERE log_id = ${click.logId}::uuid AND NOT ${click.machine} AND clicked_at IS NULL
      RETURNING log_id)
    SELECT (SELECT count(*) FROM first)::int AS first, (SELECT count(*) FROM kept)::int AS kept`.execute(db);
  return { first: (result.rows[0]?.first ?? 0) > 0 };
}
