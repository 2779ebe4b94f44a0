import { createHash } from 'node:crypto';
import type { RoutingTable } from '../accept.ts';
import type { NotificationType } from '../model.ts';
import type { DigestChoice, DigestKey, Preferences } from '../preferences/preference-schemas.ts';
import { nextLocalTime } from '../preferences/quiet-hours.ts';

/** A digest a user takes: hourly, or daily at a local time. */
export type DigestSchedule = { mode: 'hourly' } | { mode: 'daily'; at: string };

/** One user's window of one digest: what is collected until `end`, then sent as one notification. */
export interface DigestWindow {
  userId: string;
  key: DigestKey;
  end: Date;
}

const HOUR_MS = 3_600_000;

/**
 * The digest a user takes for a notification type (or 'chat'): their own choice in their
 * preferences (`digests.<key>`: off, hourly, daily at HH:MM), else the type's in
 * PARLEY_NOTIFICATION_TYPES (`digest`), else none. Undefined: each goes out as it comes.
 */
export function digestChoice(prefs: Preferences | undefined, key: DigestKey, routing: RoutingTable): DigestSchedule | undefined {
  const own = prefs?.digests?.[key] as DigestChoice | undefined;
  if (own) {
    if (own.mode === 'hourly') return { mode: 'hourly' };
    if (own.mode === 'daily' && own.at) return { mode: 'daily', at: own.at };
    return undefined;
  }
  const configured = key === 'chat' ? undefined : routing[key as NotificationType]?.digest;
  if (!configured) return undefined;
  return 'every' in configured ? { mode: 'hourly' } : { mode: 'daily', at: configured.dailyAt };
}

/** The timezone of a user's daily digests: their digest timezone, else their delivery window's or do-not-disturb's, else UTC. */
export function digestTimezone(prefs: Preferences | undefined): string {
  return prefs?.digests?.timezone ?? prefs?.preferredTimeForDelivery?.timezone ?? prefs?.doNotDisturb?.timezone ?? 'UTC';
}

/**
 * When the window that `at` falls in closes: hourly, at the next full hour (UTC hours: every
 * timezone's hours but those of half-hour offsets); daily, at the next `at` o'clock in the
 * user's timezone. An event at the very end of a window belongs to the next one.
 */
export function windowEnd(schedule: DigestSchedule, timezone: string, at: Date): Date {
  if (schedule.mode === 'hourly') return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  // On the minute: every event of the day must name the same window.
  return new Date(Math.floor(nextLocalTime(schedule.at, timezone, at).getTime() / 60_000) * 60_000);
}

/**
 * The request id of a window's digest, the same on every node and every run: a UUID (version 8)
 * from SHA-256 of (user, key, window end). The acceptor's idempotency on it, and the window row
 * written in the same transaction, make the digest go out once.
 */
export function digestRequestId(window: DigestWindow): string {
  const hex = createHash('sha256').update(`parley-digest\n${window.userId}\n${window.key}\n${window.end.toISOString()}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
