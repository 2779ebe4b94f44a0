import type { Channel, NotificationType } from '../model.ts';
import type { Preferences, TimeWindow } from './preference-schemas.ts';

const optOutKey: Record<Channel, 'email' | 'sms' | 'push' | 'inApp' | 'whatsapp' | undefined> = { email: 'email', sms: 'sms', push: 'push', 'in-app': 'inApp', webhook: undefined, whatsapp: 'whatsapp' };

/** Why a delivery may not go out now, or when it may. */
export type Verdict = { ok: true } | { ok: false; skip: string; detail: string } | { ok: false; until: Date; detail: string };

/**
 * The send-time checks that need no database: opt-outs, the channels a user accepts for the
 * type, and the quiet windows (when `respectQuietHours`). Daily limits are counted separately.
 */
export function judge(prefs: Preferences | undefined, channel: Channel, type: NotificationType, respectQuietHours: boolean, now: Date): Verdict {
  if (!prefs) return { ok: true };
  const key = optOutKey[channel];
  if (key && prefs.optOut?.[key]) return { ok: false, skip: 'opted_out', detail: `The user opted out of ${channel}.` };
  const accepted = prefs.channels?.[type];
  if (key && accepted && !accepted.includes(channel as never)) {
    return { ok: false, skip: 'channel_not_preferred', detail: `The user takes ${type} notifications on ${accepted.join(', ') || 'no channel'} only.` };
  }
  if (respectQuietHours && channel !== 'webhook') {
    const until = quietUntil(prefs, now);
    if (until) return { ok: false, until, detail: `Held for the user's quiet hours or delivery window until ${until.toISOString()}.` };
  }
  return { ok: true };
}

/** When the user's do-not-disturb and preferred-delivery windows next allow a message; null if now. */
export function quietUntil(prefs: Preferences, now: Date): Date | null {
  let t = now;
  for (let i = 0; i < 4; i++) {
    const dnd = prefs.doNotDisturb;
    if (dnd?.enabled && inWindow(dnd, t)) {
      t = nextLocalTime(dnd.endTime, dnd.timezone, t);
      continue;
    }
    const preferred = prefs.preferredTimeForDelivery;
    if (preferred?.enabled && !inWindow(preferred, t)) {
      t = nextLocalTime(preferred.startTime, preferred.timezone, t);
      continue;
    }
    return t === now ? null : t;
  }
  return t;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in [start, end) in the window's timezone; a window may wrap midnight. */
function inWindow(window: TimeWindow, at: Date): boolean {
  const start = minutes(window.startTime);
  const end = minutes(window.endTime);
  if (start === end) return false;
  const local = localClock(at, window.timezone).minutes;
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/** The next instant after `from` at which the wall clock in `timezone` reads `hhmm`. */
export function nextLocalTime(hhmm: string, timezone: string, from: Date): Date {
  const target = minutes(hhmm);
  const local = localClock(from, timezone);
  let ahead = (target - local.minutes + 1440) % 1440;
  if (ahead === 0) ahead = 1440;
  const candidate = new Date(from.getTime() + ahead * 60_000 - local.seconds * 1000);
  // A daylight-saving change in between moves the wall clock; correct by the difference once.
  const drift = minutes(hhmmOf(localClock(candidate, timezone).minutes)) - target;
  const wrapped = ((drift + 720) % 1440) - 720;
  return wrapped === 0 ? candidate : new Date(candidate.getTime() - wrapped * 60_000);
}

const hhmmOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, f);
  }
  return f;
}

function localClock(at: Date, timezone: string): { date: string; minutes: number; seconds: number } {
  const parts = Object.fromEntries(formatter(timezone).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute), seconds: Number(parts.second) };
}

export function isTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The user's calendar day for daily limits: in the delivery-window timezone, else the DND one, else UTC. */
export function userDay(prefs: Preferences | undefined, at: Date): string {
  const timezone = prefs?.preferredTimeForDelivery?.timezone ?? prefs?.doNotDisturb?.timezone ?? 'UTC';
  return localClock(at, timezone).date;
}
