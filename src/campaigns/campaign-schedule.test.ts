import { describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import { firstRunAt, nextRun } from './campaign-schedule.ts';

describe('campaign schedules', () => {
  it('runs a weekly campaign on its day at its local time, across a daylight-saving change', () => {
    const weekly = { frequency: 'weekly' as const, dayOfWeek: 'tuesday' as const, time: '18:00', timeZone: 'Europe/Berlin' };
    // Thursday 2026-03-19: next Tuesday is 2026-03-24 (CET, UTC+1).
    expect(nextRun(weekly, new Date('2026-03-19T12:00:00Z')).toISOString()).toBe('2026-03-24T17:00:00.000Z');
    // After the clocks go forward on 2026-03-29, 18:00 in Berlin is 16:00 UTC.
    expect(nextRun(weekly, new Date('2026-03-24T17:00:00Z')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('runs a daily campaign at the next local time', () => {
    const daily = { frequency: 'daily' as const, time: '09:30', timeZone: 'America/New_York' };
    expect(nextRun(daily, new Date('2026-01-15T15:00:00Z')).toISOString()).toBe('2026-01-16T14:30:00.000Z');
    expect(nextRun(daily, new Date('2026-01-15T14:00:00Z')).toISOString()).toBe('2026-01-15T14:30:00.000Z');
  });

  it('starts now, at sendAt, or at the first run; refuses a start in the past, a weekly run without its day, an unknown zone', () => {
    const now = new Date('2026-01-15T12:00:00Z');
    expect(firstRunAt(undefined, now)).toEqual(now);
    expect(firstRunAt({ sendAt: '2026-01-16T08:00:00Z' }, now).toISOString()).toBe('2026-01-16T08:00:00.000Z');
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as ParleyError).code;
      }
      return null;
    };
    expect(refusal(() => firstRunAt({ sendAt: '2026-01-15T11:00:00Z' }, now))).toBe('send_at_in_past');
    expect(refusal(() => firstRunAt({ recurring: { frequency: 'weekly', time: '10:00', timeZone: 'UTC' } }, now))).toBe('missing_day_of_week');
    expect(refusal(() => firstRunAt({ recurring: { frequency: 'daily', time: '10:00', timeZone: 'Mars/Olympus' } }, now))).toBe('invalid_time_zone');
  });
});
