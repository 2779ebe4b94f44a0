/**
 * Calendar months in a vendor's time zone: a quota counts per month as the vendor's clock shows
 * it, and resets at the vendor's local midnight of the 1st.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether this is an IANA time zone the runtime knows (such as Europe/Berlin, or UTC). */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in the time zone at an instant. */
function wallClock(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The month ('YYYY-MM') the vendor's clock shows at an instant. */
export function monthIn(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (at - (at % 1000 + 1000) % 1000);
}

/**
 * The instant a month ('YYYY-MM') begins in the time zone: local midnight of its 1st, or, where
 * a clock change skips that midnight, the first instant of the 1st the clock shows.
 */
export function monthStart(month: string, timeZone: string): Date {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const local = Date.UTC(year, mon - 1, 1);
  // The offset a little before and after the guess; the earlier candidate that reads as this month wins.
  let best: number | undefined;
  for (const probe of [local - 36 * 3600_000, local + 36 * 3600_000]) {
    const candidate = local - offsetAt(probe, timeZone);
    if (monthIn(new Date(candidate), timeZone) === month && (best === undefined || candidate < best)) best = candidate;
  }
  if (best === undefined) best = local - offsetAt(local, timeZone);
  // A skipped midnight: step back while the instant before still reads as this month (at most the gap).
  while (monthIn(new Date(best - 60_000), timeZone) === month) best -= 60_000;
  return new Date(best);
}

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

/** When the month the vendor's clock shows at `at` ends, and the quota resets. */
export function monthResetsAt(at: Date, timeZone: string): Date {
  return monthStart(nextMonth(monthIn(at, timeZone)), timeZone);
}
