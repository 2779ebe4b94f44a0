import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * A push service reported this device's token unregistered as of `at`: removes the device if it
 * still has the token and was last registered before then. Answers true when the app registered
 * the token again after `at` (the device is kept).
 */
export async function deleteUnregisteredToken(db: Db, userId: string, deviceId: string, token: string, at: Date): Promise<boolean> {
  const { rows } = await sql<{ kept: boolean }>`
    WITH gone AS (
      DELETE FROM device_tokens WHERE user_id = ${userId} AND device_id = ${deviceId} AND token = ${token} AND last_used < ${at}::timestamptz
      RETURNING device_id
    )
    SELECT EXISTS (
      SELECT 1 FROM device_tokens WHERE user_id = ${userId} AND device_id = ${deviceId} AND token = ${token} AND last_used >= ${at}::timestamptz
    ) AS kept`.execute(db);
  return Boolean(rows[0]?.kept);
}
