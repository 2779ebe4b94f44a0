import type { Db } from '../../../db/connect.ts';

/** Erasure: removes a person's preferences and push devices (tokens). Rows removed per table. */
export async function deleteUserPreferences(db: Db, userId: string): Promise<{ preferences: number; devices: number }> {
  const preferences = await db.deleteFrom('user_preferences').where('user_id', '=', userId).executeTakeFirst();
  const devices = await db.deleteFrom('device_tokens').where('user_id', '=', userId).executeTakeFirst();
  return { preferences: Number(preferences.numDeletedRows), devices: Number(devices.numDeletedRows) };
}
