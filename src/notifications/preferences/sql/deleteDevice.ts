import type { Db } from '../../../db/connect.ts';

/** Removes a user's device; false when there was none. */
export async function deleteDevice(db: Db, userId: string, deviceId: string): Promise<boolean> {
  const row = await db.deleteFrom('device_tokens').where('user_id', '=', userId).where('device_id', '=', deviceId).returning('device_id').executeTakeFirst();
  return row !== undefined;
}

/** Removes a device only if it still has this token (a token a provider reported gone, unless it was registered again since). */
export async function deleteDeviceToken(db: Db, userId: string, deviceId: string, token: string): Promise<void> {
  await db.deleteFrom('device_tokens').where('user_id', '=', userId).where('device_id', '=', deviceId).where('token', '=', token).execute();
}
