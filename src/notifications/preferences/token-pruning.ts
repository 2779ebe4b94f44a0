import type { Suppressions } from '../suppressions/address-suppressions.ts';
import type { PreferencesService } from './user-preferences.ts';

const BATCH = 1000;
const DAY_MS = 86_400_000;

/**
 * Removes push tokens the app has not registered again for `maxAgeDays` (FCM holds a token
 * unused for 270 days stale: sends to it are wasted or rejected), batch by batch, and lists
 * each on the suppression list as stale_token (lifted if the app registers it again). Answers
 * how many it removed.
 */
export async function pruneStaleTokens({ preferences, suppressions, maxAgeDays, now = new Date() }: {
  preferences: Pick<PreferencesService, 'pruneStale'>;
  suppressions: Pick<Suppressions, 'add'>;
  maxAgeDays: number;
  now?: Date;
}): Promise<number> {
  const cutoff = new Date(now.getTime() - maxAgeDays * DAY_MS);
  let total = 0;
  for (;;) {
    const removed = await preferences.pruneStale(cutoff, BATCH);
    if (removed.length) {
      await suppressions.add(
        removed.map((d) => ({
          channel: 'push',
          address: d.token,
          reason: 'stale_token',
          actor: 'job:device-token-pruning',
          reportedAt: new Date(d.last_used),
          note: `Device ${d.device_id} of ${d.user_id} (${d.platform}), last registered ${new Date(d.last_used).toISOString()}.`,
        })),
      );
    }
    total += removed.length;
    if (removed.length < BATCH) return total;
  }
}
