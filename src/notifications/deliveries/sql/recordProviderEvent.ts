import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { HistoryEntry } from '../delivery-types.ts';

/** Applies what a provider reported to a delivery: its status, delivery and click times, error, and a history entry. */
export async function recordProviderEvent(
  db: Db,
  logId: string,
  change: { status: string; at: Date; delivered: boolean; clicked: boolean; error?: { code: string; message: string | null }; history: HistoryEntry },
): Promise<void> {
  await db
    .updateTable('notification_logs')
    .set({
      status: change.status,
      delivery_time: change.delivered ? sql`coalesce(delivery_time, ${change.at})` : sql`delivery_time`,
      clicked_at: change.clicked ? sql`coalesce(clicked_at, ${change.at})` : sql`clicked_at`,
      error_code: change.error ? change.error.code : sql`error_code`,
      error_message: change.error ? change.error.message : sql`error_message`,
      history: sql`history || ${JSON.stringify([change.history])}::jsonb`,
    })
    .where('log_id', '=', logId)
    .execute();
}
