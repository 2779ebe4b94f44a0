import type { Db } from '../../db/connect.ts';
import type { NotificationType } from '../model.ts';
import { type FrequencyCap, type FrequencyCapSettings, describeCap } from './frequency-cap-settings.ts';
import { type CappedSend, admitCappedSends } from './sql/admitCappedSends.ts';
import { findCappedUsers } from './sql/findCappedUsers.ts';
import { lockCappedUsers } from './sql/lockCappedUsers.ts';

/** The fixed interface the campaigns' dry run calls. */
export interface FrequencyCaps {
  /** The users of this list who would be over their cap for this notification type at `at`. */
  cappedUsers(userIds: string[], notificationType: NotificationType, at?: Date): Promise<Set<string>>;
}

/** A delivery's verdict: it may go out, or a cap of its type is full (with a sentence for its history). */
export type CapVerdict = { allowed: true } | { allowed: false; caps: FrequencyCap[]; detail: string };

export type FrequencyCapService = ReturnType<typeof createFrequencyCaps>;

/** Requests counted per transaction, at most. */
const ADMIT_CHUNK = 1000;

interface Waiting {
  send: CappedSend;
  notificationType: string;
  settle: { resolve: (v: CapVerdict) => void; reject: (e: unknown) => void }[];
}

/**
 * Frequency caps (issue 13 §4): per user, per notification type, per rolling window, configured
 * by the operator (PARLEY_FREQUENCY_CAPS). Owns notification_capped_sends. The dispatcher calls
 * admit() at send time, after the daily limit of promotions; a request is counted once whatever
 * its channels, under per-user locks so workers racing for the last slot send exactly the cap.
 * The admits asked for in one turn of the event loop (a claimed batch's deliveries reach the gate
 * together) are counted together: one transaction and one statement for all of them, in the order
 * they were asked, instead of one each.
 */
export function createFrequencyCaps({ db, settings }: { db: Db; settings: FrequencyCapSettings }) {
  const capsOf = (type: string): FrequencyCap[] => settings[type as NotificationType] ?? [];
  let waiting = new Map<string, Waiting>();

  async function countTogether(type: string, list: Waiting[]): Promise<void> {
    const caps = capsOf(type);
    for (let i = 0; i < list.length; i += ADMIT_CHUNK) {
      const chunk = list.slice(i, i + ADMIT_CHUNK);
      try {
        const verdicts = await db.transaction().execute(async (trx) => {
          await lockCappedUsers(trx, chunk.map((w) => w.send.userId));
          return admitCappedSends(trx, type, chunk.map((w) => w.send), caps);
        });
        for (const w of chunk) {
          const v = verdicts.get(w.send.requestId);
          const verdict: CapVerdict = v?.allowed ? { allowed: true } : refusal(type, v?.full.length ? v.full : caps);
          for (const s of w.settle) s.resolve(verdict);
        }
      } catch (err) {
        for (const w of chunk) for (const s of w.settle) s.reject(err);
      }
    }
  }

  function flush(): void {
    const byType = new Map<string, Waiting[]>();
    for (const w of waiting.values()) {
      const list = byType.get(w.notificationType);
      if (list) list.push(w);
      else byType.set(w.notificationType, [w]);
    }
    waiting = new Map();
    for (const [type, list] of byType) void countTogether(type, list);
  }

  function refusal(type: string, full: FrequencyCap[]): CapVerdict {
    const detail = `The user's frequency cap of ${full.map((c) => describeCap(type, c)).join(' and ')} is reached; this one is not sent.`;
    return { allowed: false, caps: full, detail };
  }

  return {
    /** Whether a notification type has any cap (in-app items of a capped type wait for the dispatcher). */
    applies: (type: string): boolean => capsOf(type).length > 0,

    /** The caps of a type, as configured. */
    caps: capsOf,

    /**
     * Counts this request against the user's caps at `at`, or says which cap is full. Idempotent
     * per request (its channels asking in the same turn share one answer).
     */
    admit(send: { userId: string; notificationType: string; requestId: string; at: Date }): Promise<CapVerdict> {
      if (!capsOf(send.notificationType).length) return Promise.resolve({ allowed: true });
      return new Promise<CapVerdict>((resolve, reject) => {
        const key = `${send.notificationType}\n${send.requestId}`;
        if (waiting.size === 0) setImmediate(flush);
        const known = waiting.get(key);
        if (known) known.settle.push({ resolve, reject });
        else waiting.set(key, { send: { userId: send.userId, requestId: send.requestId, at: send.at }, notificationType: send.notificationType, settle: [{ resolve, reject }] });
      });
    },

    async cappedUsers(userIds: string[], notificationType: NotificationType, at: Date = new Date()): Promise<Set<string>> {
      const caps = capsOf(notificationType);
      const ids = [...new Set(userIds)];
      if (!caps.length || !ids.length) return new Set();
      return new Set(await findCappedUsers(db, ids, notificationType, caps, at));
    },
  } satisfies FrequencyCaps & Record<string, unknown>;
}
