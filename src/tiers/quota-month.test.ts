import { describe, expect, it } from 'vitest';
import { isTimeZone, monthIn, monthResetsAt, monthStart, nextMonth } from './quota-month.ts';

describe("a vendor's quota month", () => {
  it('is the month on the vendor\'s clock, not UTC\'s, on both sides of a month boundary', () => {
    // 23:30 UTC on 31 January: already February in Berlin (UTC+1), still January in New York.
    const at = new Date('2027-01-31T23:30:00Z');
    expect(monthIn(at, 'UTC')).toBe('2027-01');
    expect(monthIn(at, 'Europe/Berlin')).toBe('2027-02');
    expect(monthIn(at, 'America/New_York')).toBe('2027-01');
    // 03:00 UTC on 1 March: still February in Los Angeles (UTC-8), March in Tokyo.
    const early = new Date('2027-03-01T03:00:00Z');
    expect(monthIn(early, 'America/Los_Angeles')).toBe('2027-02');
    expect(monthIn(early, 'Asia/Tokyo')).toBe('2027-03');
    // New Year: Auckland (UTC+13 in summer) is in the new year 13 hours early.
    expect(monthIn(new Date('2026-12-31T11:00:00Z'), 'Pacific/Auckland')).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T10:59:59Z'), 'Pacific/Auckland')).toBe('2026-12');
  });

  it('begins at local midnight of the 1st, with the offset in force then (daylight saving time)', () => {
    // Berlin: winter time (UTC+1) on 1 March, summer time (UTC+2) on 1 April.
    expect(monthStart('2027-03', 'Europe/Berlin').toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(monthStart('2027-04', 'Europe/Berlin').toISOString()).toBe('2027-03-31T22:00:00.000Z');
    // Back to winter time on 31 October: November starts at 23:00 UTC.
    expect(monthStart('2027-11', 'Europe/Berlin').toISOString()).toBe('2027-10-31T23:00:00.000Z');
    // New York: EST (UTC-5) in March, EDT (UTC-4) in April; the southern hemisphere the other way round.
    expect(monthStart('2027-03', 'America/New_York').toISOString()).toBe('2027-03-01T05:00:00.000Z');
    expect(monthStart('2027-04', 'America/New_York').toISOString()).toBe('2027-04-01T04:00:00.000Z');
    expect(monthStart('2027-04', 'Pacific/Auckland').toISOString()).toBe('2027-03-31T11:00:00.000Z');
    expect(monthStart('2027-05', 'Pacific/Auckland').toISOString()).toBe('2027-04-30T12:00:00.000Z');
    expect(monthStart('2027-01', 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    // A zone with a half-hour offset.
    expect(monthStart('2027-06', 'Asia/Kolkata').toISOString()).toBe('2027-05-31T18:30:00.000Z');
  });

  it('starts at the first instant of the 1st where a clock change skips its midnight', () => {
    // Chile moved its clocks from 00:00 to 01:00 on Sunday 1 September 2019 (America/Santiago),
    // so that day had no midnight: September began at 04:00 UTC (01:00 local, UTC-3).
    const start = monthStart('2019-09', 'America/Santiago');
    expect(monthIn(start, 'America/Santiago')).toBe('2019-09');
    expect(monthIn(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2019-08');
    expect(start.toISOString()).toBe('2019-09-01T04:00:00.000Z');
  });

  it('resets at the start of the next month on the vendor\'s clock, also across the year', () => {
    expect(monthResetsAt(new Date('2027-03-15T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(monthResetsAt(new Date('2027-12-31T22:59:59Z'), 'Europe/Berlin').toISOString()).toBe('2027-12-31T23:00:00.000Z');
    expect(monthResetsAt(new Date('2027-12-31T23:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2028-01-31T23:00:00.000Z');
    expect(nextMonth('2027-12')).toBe('2028-01');
    expect(nextMonth('2027-09')).toBe('2027-10');
  });

  it('knows IANA time zones and refuses others', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata']) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', 'Berlin', '', 'Europe/Berlin; DROP TABLE']) expect(isTimeZone(zone), zone).toBe(false);
  });
});
