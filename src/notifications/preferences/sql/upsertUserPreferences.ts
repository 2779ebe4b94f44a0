import type { Db } from '../../../db/connect.ts';
import type { Preferences } from '../preference-schemas.ts';

/** Replaces a user's preferences. */
export async function upsertUserPreferences(db: Db, userId: string, prefs: Preferences): Promise<void> {
  await db
    .insertInto('user_preferences')
    .values({ user_id: userId, preferences: JSON.stringify(prefs), updated_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ preferences: JSON.stringify(prefs), updated_at: new Date() }))
    .execute();
}
