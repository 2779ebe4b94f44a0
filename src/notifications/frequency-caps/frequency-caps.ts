import type { Db } from '../../db/connect.ts';
import type { NotificationType } from '../model.ts';
import { type FrequencyCap, type FrequencyCapSettings, describeCap } from './frequency-cap-settings.ts';
import { admitCappedSend } from './sql/admitCappedSend.ts';
import { findCappedUsers } from './sql/findCappedUsers.ts';
import { lockCappedUser } from './sql/lockCappedUser.ts';

/** The fixed interface the campaigns' dry run calls. */
export interface FrequencyCaps {
  /** The users of this list who would be over their cap for this notification type at `at`. */
  cappedUsers(userIds: string[], notificationType: NotificationType, at?: Date): Promise<Set<string>>;
}

/** A delivery's verdict: it may go out, or a cap of its type is full (with a sentence for its history). */
export type CapVerdict = { allowed: true } | { allowed: false; caps: FrequencyCap[]; detail: string };

export type FrequencyCapService = ReturnType<typeof createFrequencyCaps>;

/**
 * Frequency caps (issue 13 §4): per user, per notification type, per rolling window, configured
 * by the operator (PARLEY_FREQUENCY_CAPS). Owns notification_capped_sends. The dispatcher calls
 * admit() at send time, after the daily limit of promotions; a request is counted once whatever
 * its channels, under a per-user lock so workers racing for the last slot send exactly the cap.
 */
export function createFrequencyCaps({ db, settings }: { db: Db; settings: FrequencyCapSettings }) {
  const capsOf = (type: string): FrequencyCap[] => settings[type as NotificationType] ?? [];

  return {
    /** Whether a notification type has any cap (in-app items of a capped type wait for the dispatcher). */
    applies: (type: string): boolean => capsOf(type).length > 0,

    /** The caps of a type, as configured. */
    caps: capsOf,

    /** Counts this request against the user's caps at `at`, or says which cap is full. Idempotent per request. */
    async admit(send: { userId: string; notificationType: string; requestId: string; at: Date }): Promise<CapVerdict> {
      const caps = capsOf(send.notificationType);
      if (!caps.length) return { allowed: true };
      const verdict = await db.transaction().execute(async (trx) => {
        await lockCappedUser(trx, send.userId);
        return admitCappedSend(trx, send, caps);
      });
      if (verdict.allowed) return { allowed: true };
      const full = verdict.full.length ? verdict.full : caps;
      const detail = `The user's frequency cap of ${full.map((c) => describeCap(send.notificationType, c)).join(' and ')} is reached; this one is not sent.`;
      return { allowed: false, caps: full, detail };
    },

    async cappedUsers(userIds: string[], notificationType: NotificationType, at: Date = new Date()): Promise<Set<string>> {
      const caps = capsOf(notificationType);
      const ids = [...new Set(userIds)];
      if (!caps.length || !ids.length) return new Set();
      return new Set(await findCappedUsers(db, ids, notificationType, caps, at));
    },
  } satisfies FrequencyCaps & Record<string, unknown>;
}
