import type { Db } from '../../../db/connect.ts';
import type { Device } from '../preference-schemas.ts';

/** The registered push devices of these users, oldest first, by user. */
export async function listDevices(db: Db, userIds: string[]): Promise<Map<string, Device[]>> {
  const devices = new Map<string, Device[]>();
  if (!userIds.length) return devices;
  const rows = await db.selectFrom('device_tokens').selectAll().where('user_id', 'in', userIds).orderBy('created_at').execute();
  for (const r of rows) {
    const list = devices.get(r.user_id) ?? [];
    list.push({ deviceId: r.device_id, token: r.token, platform: r.platform as Device['platform'], lastUsed: new Date(r.last_used).toISOString() });
    devices.set(r.user_id, list);
  }
  return devices;
}
