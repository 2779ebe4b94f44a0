import { invalid } from '../errors.ts';
import type { Preferences } from '../notifications/preferences/preference-schemas.ts';
import { addHours, emptyHistogram, mergeHistograms, type Slot, slotsFrom, type WeekHistogram } from './hour-of-week.ts';
import { chooseSendTime, type PlannedSendTime, userTimezone } from './send-time-choice.ts';

/** Activity counted per user and UTC hour, as the owners' reads answer it. */
export interface ActivityHours {
  userId: string;
  hourStart: Date;
  events: number;
}

/** What the planner reads, each for a whole list of users in one call (one query per owner). */
export interface SendTimeReaders {
  /** Opens and clicks (notifications/deliveries). */
  engagementHours(userIds: readonly string[], since: Date): Promise<ActivityHours[]>;
  /** Messages the users sent (messages). */
  messageHours(userIds: readonly string[], since: Date): Promise<ActivityHours[]>;
  /** Stored preferences (notifications/preferences). */
  preferences: { getMany(userIds: string[]): Promise<Map<string, Preferences | undefined>> };
}

export interface SendTimePlanner {
  /** Each user's next best hour from `from` (within horizonHours, default 168), from their own hour-of-week
   * histogram of opens, clicks and chat activity, else the audience's; never in quiet hours or outside
   * the delivery window. reason e.g. 'own_history: 14 opens/clicks/messages, best Tue 18:00 Europe/Berlin'. */
  plan(userIds: string[], options: { from: Date; horizonHours?: number }): Promise<Map<string, { at: Date; reason: string; source: 'own' | 'audience' | 'default' }>>;
}

/** How far back activity counts. */
export const HISTORY_DAYS = 90;
export const DEFAULT_HORIZON_HOURS = 168;
export const MAX_HORIZON_HOURS = 24 * 31;
export const MAX_PLAN_USERS = 5000;

/**
 * The send-time planner. Per call: one read of opens and clicks, one of messages, one of
 * preferences, for the whole list. Each user's activity of the last 90 days goes into an
 * hour-of-week histogram in their zone; the list's histograms together are the audience's
 * (each in its own user's local time, so "18:00" means each one's evening).
 */
export function createSendTimePlanner({ engagementHours, messageHours, preferences }: SendTimeReaders): SendTimePlanner {
  return {
    async plan(userIds, options) {
      const from = options?.from;
      const horizonHours = options?.horizonHours ?? DEFAULT_HORIZON_HOURS;
      if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw invalid('invalid_from', 'from must be a valid date and time.', { field: 'from' });
      if (!Number.isInteger(horizonHours) || horizonHours < 1 || horizonHours > MAX_HORIZON_HOURS) {
        throw invalid('invalid_horizon', `horizonHours must be a whole number from 1 to ${MAX_HORIZON_HOURS}; got ${horizonHours}.`, { field: 'horizonHours' });
      }
      const ids = [...new Set(userIds)];
      if (ids.length > MAX_PLAN_USERS) throw invalid('too_many_users', `Plan at most ${MAX_PLAN_USERS} users at a time; this list has ${ids.length}.`, { field: 'userIds' });
      const planned = new Map<string, PlannedSendTime>();
      if (ids.length === 0) return planned;

      const since = new Date(from.getTime() - HISTORY_DAYS * 86_400_000);
      const [opened, wrote, prefs] = await Promise.all([engagementHours(ids, since), messageHours(ids, since), preferences.getMany(ids)]);
      const zones = new Map(ids.map((id) => [id, userTimezone(prefs.get(id))]));
      const activity = new Map<string, ActivityHours[]>();
      for (const row of [...opened, ...wrote]) {
        if (!zones.has(row.userId) || row.hourStart.getTime() >= from.getTime()) continue;
        const hours = activity.get(row.userId);
        if (hours) hours.push(row);
        else activity.set(row.userId, [row]);
      }
      const own = new Map<string, WeekHistogram>();
      const audience = emptyHistogram();
      for (const [userId, hours] of activity) {
        const histogram = addHours(emptyHistogram(), hours, zones.get(userId)!);
        own.set(userId, histogram);
        mergeHistograms(audience, histogram);
      }
      const slotsByZone = new Map<string, Slot[]>();
      const empty = emptyHistogram();
      for (const id of ids) {
        const timezone = zones.get(id)!;
        let slots = slotsByZone.get(timezone);
        if (!slots) slotsByZone.set(timezone, (slots = slotsFrom(from, horizonHours, timezone)));
        planned.set(id, chooseSendTime({ slots, timezone, own: own.get(id) ?? empty, audience: { histogram: audience, recipients: activity.size }, prefs: prefs.get(id) }));
      }
      return planned;
    },
  };
}
