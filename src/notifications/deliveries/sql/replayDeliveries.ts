import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Queues dead-lettered (or failed) deliveries again with their attempts reset; returns the ids it queued. */
export async function replayDeliveries(db: Db, logIds: string[], detail: string): Promise<string[]> {
  const entry = JSON.stringify([{ at: new Date().toISOString(), status: 'replayed', detail }]);
  const result = await db
    .updateTable('notification_logs')
    .set({ status: 'queued', due_at: sql`now()`, attempts: 0, error_code: null, error_message: null, history: sql`history || ${entry}::jsonb` })
    .where('log_id', 'in', logIds)
    .where('status', 'in', ['dead', 'failed'])
    .returning('log_id')
    .execute();
  return result.map((x) => x.log_id);
}
