import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Turns one channel off in a user's preferences, keeping the rest. */
export async function optOutChannel(db: Db, userId: string, channel: 'email' | 'sms' | 'whatsapp'): Promise<void> {
  await db
    .insertInto('user_preferences')
    .values({ user_id: userId, preferences: JSON.stringify({ optOut: { [channel]: true } }), updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        preferences: sql`jsonb_set(user_preferences.preferences, '{optOut}', coalesce(user_preferences.preferences->'optOut', '{}'::jsonb) || ${JSON.stringify({ [channel]: true })}::jsonb)`,
        updated_at: new Date(),
      }),
    )
    .execute();
}
