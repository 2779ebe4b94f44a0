import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Removes up to `limit` devices whose token was last registered before `cutoff` (rows another
 * node is removing at the same moment are skipped); answers them.
 */
export async function deleteStaleDevices(db: Db, cutoff: Date, limit: number) {
  const { rows } = await sql<{ user_id: string; device_id: string; token: string; platform: string; last_used: Date }>`
    DELETE FROM device_tokens WHERE (user_id, device_id) IN (
      SELECT user_id, device_id FROM device_tokens WHERE last_used < ${cutoff}::timestamptz
      ORDER BY last_used LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING user_id, device_id, token, platform, last_used`.execute(db);
  return rows;
}
