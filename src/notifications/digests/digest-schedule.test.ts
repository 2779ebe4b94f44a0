import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, type RoutingTable } from '../accept.ts';
import { digestChoice, digestRequestId, digestTimezone, windowEnd } from './digest-schedule.ts';

const routing: RoutingTable = { ...structuredClone(DEFAULT_ROUTING), promotional: { ...DEFAULT_ROUTING.promotional, digest: { dailyAt: '18:00' } } };

describe('digest schedule', () => {
  it("takes the user's own choice over the type's, and nothing when neither asks for one", () => {
    expect(digestChoice(undefined, 'promotional', routing)).toEqual({ mode: 'daily', at: '18:00' });
    expect(digestChoice({ digests: { promotional: { mode: 'off' } } }, 'promotional', routing)).toBeUndefined();
    expect(digestChoice({ digests: { promotional: { mode: 'hourly' } } }, 'promotional', routing)).toEqual({ mode: 'hourly' });
    expect(digestChoice({ digests: { transactional: { mode: 'daily', at: '07:30' } } }, 'transactional', routing)).toEqual({ mode: 'daily', at: '07:30' });
    expect(digestChoice(undefined, 'transactional', routing)).toBeUndefined();
    expect(digestChoice(undefined, 'chat', routing)).toBeUndefined();
    expect(digestChoice({ digests: { chat: { mode: 'hourly' } } }, 'chat', routing)).toEqual({ mode: 'hourly' });
  });

  it('closes hourly windows on the full hour, an event on the hour belonging to the next', () => {
    expect(windowEnd({ mode: 'hourly' }, 'UTC', new Date('2026-03-02T10:17:45Z')).toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(windowEnd({ mode: 'hourly' }, 'UTC', new Date('2026-03-02T11:00:00Z')).toISOString()).toBe('2026-03-02T12:00:00.000Z');
  });

  it("closes daily windows at the local time in the user's timezone, across daylight-saving changes", () => {
    const berlin = digestTimezone({ doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Berlin' } });
    expect(berlin).toBe('Europe/Berlin');
    // 18:00 in Berlin is 17:00 UTC in winter, 16:00 UTC in summer.
    expect(windowEnd({ mode: 'daily', at: '18:00' }, berlin, new Date('2026-01-10T12:00:00Z')).toISOString()).toBe('2026-01-10T17:00:00.000Z');
    expect(windowEnd({ mode: 'daily', at: '18:00' }, berlin, new Date('2026-01-10T17:30:00Z')).toISOString()).toBe('2026-01-11T17:00:00.000Z');
    expect(windowEnd({ mode: 'daily', at: '18:00' }, berlin, new Date('2026-01-10T09:41:07.389Z')).toISOString()).toBe('2026-01-10T17:00:00.000Z');
    expect(windowEnd({ mode: 'daily', at: '18:00' }, berlin, new Date('2026-03-28T18:00:00Z')).toISOString()).toBe('2026-03-29T16:00:00.000Z');
    expect(digestTimezone({ digests: { timezone: 'America/New_York' }, doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Berlin' } })).toBe('America/New_York');
    expect(digestTimezone(undefined)).toBe('UTC');
  });

  it('derives the same request id for the same user, key and window, and another for any other', () => {
    const w = { userId: 'u-1', key: 'promotional' as const, end: new Date('2026-03-02T11:00:00Z') };
    const id = digestRequestId(w);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(digestRequestId({ ...w })).toBe(id);
    expect(digestRequestId({ ...w, userId: 'u-2' })).not.toBe(id);
    expect(digestRequestId({ ...w, key: 'chat' })).not.toBe(id);
    expect(digestRequestId({ ...w, end: new Date('2026-03-02T12:00:00Z') })).not.toBe(id);
  });
});
