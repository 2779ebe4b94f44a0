import { describe, expect, it } from 'vitest';
import { judge, quietUntil, userDay } from './quiet-hours.ts';

const window = (startTime: string, endTime: string, timezone = 'UTC') => ({ enabled: true, startTime, endTime, timezone });
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('holds until do-not-disturb ends, across midnight, in the user’s timezone', () => {
    const prefs = { doNotDisturb: window('22:00', '07:00', 'America/New_York') };
    // 03:30 in New York (EST, UTC-5) is inside 22:00–07:00: wait until 07:00 local = 12:00Z.
    expect(quietUntil(prefs, at('2026-01-15T08:30:00Z'))?.toISOString()).toBe('2026-01-15T12:00:00.000Z');
    // 23:00 local: until 07:00 the next morning.
    expect(quietUntil(prefs, at('2026-01-16T04:00:00Z'))?.toISOString()).toBe('2026-01-16T12:00:00.000Z');
    // 12:00 local is outside the window.
    expect(quietUntil(prefs, at('2026-01-15T17:00:00Z'))).toBeNull();
    // The end of the window is outside it.
    expect(quietUntil(prefs, at('2026-01-15T12:00:00Z'))).toBeNull();
  });

  it('waits for the preferred delivery window to open', () => {
    const prefs = { preferredTimeForDelivery: window('09:00', '18:00', 'Europe/Paris') };
    // 20:00 in Paris (CET, UTC+1): next 09:00 local = 08:00Z the next day.
    expect(quietUntil(prefs, at('2026-01-15T19:00:00Z'))?.toISOString()).toBe('2026-01-16T08:00:00.000Z');
    expect(quietUntil(prefs, at('2026-01-15T10:00:00Z'))).toBeNull();
  });

  it('satisfies both windows when they overlap', () => {
    // Preferred 06:00–23:00, but do-not-disturb 05:00–08:00: at 05:30 wait for 08:00, which is in the preferred window.
    const prefs = { preferredTimeForDelivery: window('06:00', '23:00'), doNotDisturb: window('05:00', '08:00') };
    expect(quietUntil(prefs, at('2026-03-02T05:30:00Z'))?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    // At 23:30, outside the preferred window: 06:00, which is inside do-not-disturb, so 08:00.
    expect(quietUntil(prefs, at('2026-03-02T23:30:00Z'))?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('keeps to the wall clock across a daylight-saving change', () => {
    // Europe/Paris moves from UTC+1 to UTC+2 on 2026-03-29 at 02:00 local.
    const prefs = { doNotDisturb: window('22:00', '07:00', 'Europe/Paris') };
    expect(quietUntil(prefs, at('2026-03-28T22:30:00Z'))?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('ignores a disabled window', () => {
    expect(quietUntil({ doNotDisturb: { ...window('00:00', '23:59'), enabled: false } }, at('2026-01-15T12:00:00Z'))).toBeNull();
  });
});

describe('judge', () => {
  const now = at('2026-01-15T12:00:00Z');
  it('skips opted-out channels and channels the user does not take for the type', () => {
    expect(judge({ optOut: { email: true } }, 'email', 'transactional', false, now)).toMatchObject({ ok: false, skip: 'opted_out' });
    expect(judge({ optOut: { inApp: true } }, 'in-app', 'systemAlert', false, now)).toMatchObject({ ok: false, skip: 'opted_out' });
    expect(judge({ channels: { promotional: ['email'] } }, 'sms', 'promotional', false, now)).toMatchObject({ ok: false, skip: 'channel_not_preferred' });
    expect(judge({ channels: { promotional: ['email'] } }, 'sms', 'transactional', false, now)).toEqual({ ok: true });
    expect(judge(undefined, 'push', 'promotional', true, now)).toEqual({ ok: true });
  });

  it('holds only when the type respects quiet hours, and never webhooks', () => {
    const prefs = { doNotDisturb: window('11:00', '13:00') };
    expect(judge(prefs, 'push', 'promotional', true, now)).toMatchObject({ ok: false, until: at('2026-01-15T13:00:00Z') });
    expect(judge(prefs, 'push', 'transactional', false, now)).toEqual({ ok: true });
    expect(judge(prefs, 'webhook', 'promotional', true, now)).toEqual({ ok: true });
  });
});

describe('userDay', () => {
  it('is the calendar day in the user’s timezone', () => {
    expect(userDay({ doNotDisturb: window('22:00', '07:00', 'Asia/Tokyo') }, at('2026-01-15T20:00:00Z'))).toBe('2026-01-16');
    expect(userDay(undefined, at('2026-01-15T20:00:00Z'))).toBe('2026-01-15');
  });
});
