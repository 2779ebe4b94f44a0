import type { Db } from '../../../db/connect.ts';
import type { Preferences } from '../preference-schemas.ts';

/** The stored preferences of these users (absent: none stored). */
export async function findUserPreferences(db: Db, userIds: string[]): Promise<Map<string, Preferences>> {
  if (!userIds.length) return new Map();
  const rows = await db.selectFrom('user_preferences').select(['user_id', 'preferences']).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r.preferences as Preferences]));
}
