import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** In-app items that reached a socket: sent → delivered. Returns the creation time of each it changed. */
export async function markInAppDelivered(db: Db, logIds: string[]): Promise<{ log_id: string; created_at: Date }[]> {
  if (!logIds.length) return [];
  const rows = await sql<{ log_id: string; created_at: Date }>`
        UPDATE notification_logs SET status = CASE WHEN status = 'sent' THEN 'delivered' ELSE status END, delivery_time = now()
        WHERE log_id = ANY(${logIds}::uuid[]) AND channel = 'in-app' AND delivery_time IS NULL
        RETURNING log_id, created_at`.execute(db);
  return rows.rows;
}
