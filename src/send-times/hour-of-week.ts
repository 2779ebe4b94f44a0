/**
 * Hours of the week in a user's time zone: Monday 00:00 is 0, Sunday 23:00 is 167. Pure; each
 * instant is placed by the zone's rules at that instant, so daylight saving needs nothing extra.
 */

export const HOURS_PER_WEEK = 168;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall clock at `at` in `timezone`: weekday (0 = Monday), hour, minute, second. */
export function localWeekClock(at: Date, timezone: string): { weekday: number; hour: number; minute: number; second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(at)) parts[p.type] = p.value;
  return { weekday: WEEKDAYS.indexOf(parts.weekday as (typeof WEEKDAYS)[number]), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

export function hourOfWeek(at: Date, timezone: string): number {
  const c = localWeekClock(at, timezone);
  return c.weekday * 24 + c.hour;
}

/** "Tue 18:00": the local weekday and time of `at`. */
export function weekLabel(at: Date, timezone: string): string {
  const c = localWeekClock(at, timezone);
  return `${WEEKDAYS[c.weekday]} ${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

/** A histogram of activity over the 168 hours of the week, with its total. */
export interface WeekHistogram {
  counts: number[];
  total: number;
}

export const emptyHistogram = (): WeekHistogram => ({ counts: new Array<number>(HOURS_PER_WEEK).fill(0), total: 0 });

/** Adds activity counted per UTC hour to a histogram in `timezone`. */
export function addHours(histogram: WeekHistogram, hours: Iterable<{ hourStart: Date; events: number }>, timezone: string): WeekHistogram {
  for (const h of hours) {
    histogram.counts[hourOfWeek(h.hourStart, timezone)]! += h.events;
    histogram.total += h.events;
  }
  return histogram;
}

export function mergeHistograms(into: WeekHistogram, from: WeekHistogram): WeekHistogram {
  for (let i = 0; i < HOURS_PER_WEEK; i++) into.counts[i]! += from.counts[i]!;
  into.total += from.total;
  return into;
}

/** A moment a message could go out, and the local hour of the week it falls in. */
export interface Slot {
  at: Date;
  hourOfWeek: number;
}

/**
 * The slots from `from` (inclusive) to `from + horizonHours` (exclusive): `from` itself, then
 * the start of each following local hour. A zone whose offset has minutes (India's +05:30) gets
 * its own hour starts, not UTC's.
 */
export function slotsFrom(from: Date, horizonHours: number, timezone: string): Slot[] {
  const end = from.getTime() + horizonHours * 3_600_000;
  const clock = localWeekClock(from, timezone);
  const first = from.getTime() - (clock.minute * 60 + clock.second) * 1000 - (from.getTime() % 1000 + 1000) % 1000 + 3_600_000;
  const slots: Slot[] = [{ at: from, hourOfWeek: clock.weekday * 24 + clock.hour }];
  for (let t = first; t < end; t += 3_600_000) {
    const at = new Date(t);
    slots.push({ at, hourOfWeek: hourOfWeek(at, timezone) });
  }
  return slots;
}
