import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Device, DeviceInput } from '../preference-schemas.ts';

/** Registers a device, or refreshes its token and platform; `created` says which. */
export async function upsertDevice(db: Db, userId: string, input: DeviceInput): Promise<{ device: Device; created: boolean }> {
  const row = await db
    .insertInto('device_tokens')
    .values({ user_id: userId, device_id: input.deviceId, token: input.token, platform: input.platform, last_used: new Date(), created_at: new Date() })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ token: input.token, platform: input.platform, last_used: new Date() }))
    .returning(['device_id', 'token', 'platform', 'last_used', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  return {
    device: { deviceId: row.device_id, token: row.token, platform: row.platform as Device['platform'], lastUsed: new Date(row.last_used).toISOString() },
    created: Boolean(row.inserted),
  };
}
