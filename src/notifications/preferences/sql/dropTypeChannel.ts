import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

const USER_CHANNELS = ['email', 'sms', 'push', 'in-app', 'whatsapp'];

/**
 * Takes one channel out of the channels a user accepts for a notification type (no list yet:
 * every channel but that one), keeping the rest of their preferences; a second time changes nothing.
 */
export async function dropTypeChannel(db: Db, userId: string, type: string, channel: string): Promise<void> {
  const remaining = USER_CHANNELS.filter((c) => c !== channel);
  await db
    .insertInto('user_preferences')
    .values({ user_id: userId, preferences: JSON.stringify({ channels: { [type]: remaining } }), updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        preferences: sql`jsonb_set(
          jsonb_set(user_preferences.preferences, '{channels}', coalesce(user_preferences.preferences->'channels', '{}'::jsonb)),
          array['channels', ${type}::text],
          coalesce(
            (select jsonb_agg(c) from jsonb_array_elements(coalesce(user_preferences.preferences->'channels'->${type}::text, ${JSON.stringify(USER_CHANNELS)}::jsonb)) as c where c <> to_jsonb(${channel}::text)),
            '[]'::jsonb
          )
        )`,
        updated_at: new Date(),
      }),
    )
    .execute();
}
