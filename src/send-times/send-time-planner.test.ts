import { describe, expect, it } from 'vitest';
import type { Preferences } from '../notifications/preferences/preference-schemas.ts';
import { addHours, emptyHistogram, hourOfWeek, slotsFrom, weekLabel } from './hour-of-week.ts';
import { type ActivityHours, createSendTimePlanner } from './send-time-planner.ts';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
/** `events` of activity in the UTC hour starting at each of these instants. */
const hours = (userId: string, isoHours: string[], events = 1): ActivityHours[] => isoHours.map((iso) => ({ userId, hourStart: at(iso), events }));

function planner(rows: { opens?: ActivityHours[]; messages?: ActivityHours[]; prefs?: Record<string, Preferences> }) {
  const calls: string[] = [];
  const plan = createSendTimePlanner({
    engagementHours: async (ids, since) => {
      calls.push(`engagement ${ids.length} since ${since.toISOString()}`);
      return (rows.opens ?? []).filter((r) => ids.includes(r.userId) && r.hourStart >= since);
    },
    messageHours: async (ids, since) => {
      calls.push(`messages ${ids.length}`);
      return (rows.messages ?? []).filter((r) => ids.includes(r.userId) && r.hourStart >= since);
    },
    preferences: {
      getMany: async (ids) => {
        calls.push(`preferences ${ids.length}`);
        return new Map(ids.map((id) => [id, rows.prefs?.[id]]));
      },
    },
  });
  return { plan, calls };
}

const berlin = (extra: Preferences = {}): Preferences => ({ preferredTimeForDelivery: { enabled: false, startTime: '00:00', endTime: '00:00', timezone: 'Europe/Berlin' }, ...extra });
// Monday 7 December 2026, 08:00 UTC (09:00 in Berlin).
const monday = at('2026-12-07T08:00:00Z');

describe('hours of the week', () => {
  it('places an instant in the local week, Monday 00:00 being 0', () => {
    expect(hourOfWeek(at('2026-12-07T00:00:00Z'), 'UTC')).toBe(0);
    expect(hourOfWeek(at('2026-12-06T23:30:00Z'), 'UTC')).toBe(167);
    expect(hourOfWeek(at('2026-12-06T23:30:00Z'), 'Europe/Berlin')).toBe(0);
    expect(hourOfWeek(at('2026-12-08T16:00:00Z'), 'America/New_York')).toBe(24 + 11);
    expect(weekLabel(at('2026-12-08T16:00:00Z'), 'Europe/Berlin')).toBe('Tue 17:00');
  });

  it('counts the same local hour across a daylight-saving change in one bucket', () => {
    // 17:00 in Berlin on Tuesdays: 16:00 UTC in winter (CET), 15:00 UTC in summer (CEST).
    const histogram = addHours(emptyHistogram(), hours('u', ['2026-03-24T16:00:00Z', '2026-03-31T15:00:00Z', '2026-04-07T15:00:00Z']), 'Europe/Berlin');
    expect(histogram.total).toBe(3);
    expect(histogram.counts[24 + 17]).toBe(3);
    // Read in UTC the same hours fall into two buckets.
    const utc = addHours(emptyHistogram(), hours('u', ['2026-03-24T16:00:00Z', '2026-03-31T15:00:00Z', '2026-04-07T15:00:00Z']), 'UTC');
    expect([utc.counts[24 + 16], utc.counts[24 + 15]]).toEqual([1, 2]);
  });

  it('offers `from` and then each local hour start, in zones with half-hour offsets too', () => {
    const from = at('2026-12-07T08:20:10.500Z');
    const utc = slotsFrom(from, 3, 'UTC');
    expect(utc.map((s) => s.at.toISOString())).toEqual(['2026-12-07T08:20:10.500Z', '2026-12-07T09:00:00.000Z', '2026-12-07T10:00:00.000Z', '2026-12-07T11:00:00.000Z']);
    const kolkata = slotsFrom(from, 2, 'Asia/Kolkata');
    expect(kolkata.map((s) => s.at.toISOString())).toEqual(['2026-12-07T08:20:10.500Z', '2026-12-07T08:30:00.000Z', '2026-12-07T09:30:00.000Z']);
    expect(kolkata[1]!.hourOfWeek).toBe(14);
    // A week from 08:20: the part-hour now, then 168 hour starts; from a full hour, 168 in all.
    expect(slotsFrom(from, 168, 'Europe/Berlin')).toHaveLength(169);
    expect(slotsFrom(monday, 168, 'Europe/Berlin')).toHaveLength(168);
  });
});

describe('the send-time planner', () => {
  it("takes the user's own best hour in their zone, with one read per owner for the whole list", async () => {
    const { plan, calls } = planner({
      // Tuesdays 17:00 Berlin (16:00 UTC) three weeks running, and one Thursday morning.
      opens: hours('ana', ['2026-11-17T16:00:00Z', '2026-11-24T16:00:00Z', '2026-11-26T07:00:00Z']),
      messages: hours('ana', ['2026-12-01T16:00:00Z'], 2),
      prefs: { ana: berlin() },
    });
    const result = await plan.plan(['ana', 'ana', 'ben'], { from: monday });
    expect(result.get('ana')).toEqual({ at: at('2026-12-08T16:00:00Z'), source: 'own', reason: 'own_history: 5 opens/clicks/messages, best Tue 17:00 Europe/Berlin' });
    expect(calls).toEqual([`engagement 2 since ${new Date(monday.getTime() - 90 * 24 * H).toISOString()}`, 'messages 2', 'preferences 2']);
  });

  it('finds the hour across a daylight-saving change within the horizon', async () => {
    // Mondays 09:00 in Berlin in the winter; planned from Friday 26 March 2027, the clocks go forward on the 28th.
    const { plan } = planner({ opens: hours('cem', ['2027-03-01T08:00:00Z', '2027-03-08T08:00:00Z', '2027-03-15T08:00:00Z']), prefs: { cem: berlin() } });
    const result = await plan.plan(['cem'], { from: at('2027-03-26T12:00:00Z') });
    expect(result.get('cem')).toMatchObject({ at: at('2027-03-29T07:00:00Z'), source: 'own', reason: 'own_history: 3 opens/clicks/messages, best Mon 09:00 Europe/Berlin' });
  });

  it('moves a best hour inside quiet hours that span midnight to their end, and says so', async () => {
    const dnd = { enabled: true, startTime: '22:00', endTime: '08:00', timezone: 'Europe/Berlin' };
    // Tuesdays 23:00 in Berlin (22:00 UTC).
    const { plan } = planner({ opens: hours('dee', ['2026-11-17T22:00:00Z', '2026-11-24T22:00:00Z', '2026-12-01T22:00:00Z']), prefs: { dee: { doNotDisturb: dnd } } });
    const result = await plan.plan(['dee'], { from: monday });
    expect(result.get('dee')).toEqual({
      at: at('2026-12-09T07:00:00Z'),
      source: 'own',
      reason: 'own_history: 3 opens/clicks/messages, best Tue 23:00 Europe/Berlin; moved to Wed 08:00 for quiet hours or the delivery window',
    });
  });

  it('moves a best hour outside the delivery window to its next opening', async () => {
    const window = { enabled: true, startTime: '09:00', endTime: '17:00', timezone: 'America/New_York' };
    // Saturdays 20:00 in New York (01:00 UTC on Sunday).
    const { plan } = planner({ opens: hours('eve', ['2026-11-22T01:00:00Z', '2026-11-29T01:00:00Z', '2026-12-06T01:00:00Z']), prefs: { eve: { preferredTimeForDelivery: window } } });
    const result = await plan.plan(['eve'], { from: monday });
    expect(result.get('eve')!.at).toEqual(at('2026-12-13T14:00:00Z'));
    expect(result.get('eve')!.reason).toBe('own_history: 3 opens/clicks/messages, best Sat 20:00 America/New_York; moved to Sun 09:00 for quiet hours or the delivery window');
  });

  it("falls back to the audience's best hour, in each user's own local time, below three events of one's own", async () => {
    const { plan } = planner({
      opens: [...hours('ana', ['2026-11-17T16:00:00Z', '2026-11-24T16:00:00Z', '2026-12-01T16:00:00Z']), ...hours('fay', ['2026-11-20T12:00:00Z'])],
      prefs: { ana: berlin(), gus: { doNotDisturb: { enabled: false, startTime: '22:00', endTime: '07:00', timezone: 'Asia/Tokyo' } } },
    });
    const result = await plan.plan(['ana', 'fay', 'gus'], { from: monday });
    // Audience: 3 events at Tue 17:00 (ana's local), 1 at Fri 12:00 (fay, UTC).
    expect(result.get('fay')).toEqual({ at: at('2026-12-08T17:00:00Z'), source: 'audience', reason: 'audience_history: 4 opens/clicks/messages of 2 recipients, best Tue 17:00 UTC' });
    expect(result.get('gus')).toEqual({ at: at('2026-12-08T08:00:00Z'), source: 'audience', reason: 'audience_history: 4 opens/clicks/messages of 2 recipients, best Tue 17:00 Asia/Tokyo' });
  });

  it('takes 10:00 local with no history anywhere, moved out of quiet hours when it falls in them', async () => {
    const { plan } = planner({ prefs: { hal: berlin(), ida: { doNotDisturb: { enabled: true, startTime: '09:30', endTime: '11:00', timezone: 'Europe/Berlin' } } } });
    const result = await plan.plan(['hal', 'ida', 'jo'], { from: monday });
    expect(result.get('hal')).toEqual({ at: at('2026-12-07T09:00:00Z'), source: 'default', reason: 'default_hour: no opens, clicks or messages to go by, Mon 10:00 Europe/Berlin' });
    expect(result.get('jo')).toEqual({ at: at('2026-12-07T10:00:00Z'), source: 'default', reason: 'default_hour: no opens, clicks or messages to go by, Mon 10:00 UTC' });
    expect(result.get('ida')).toEqual({
      at: at('2026-12-07T10:00:00Z'),
      source: 'default',
      reason: 'default_hour: no opens, clicks or messages to go by, Mon 10:00 Europe/Berlin; moved to Mon 11:00 for quiet hours or the delivery window',
    });
  });

  it('keeps to the horizon: the best hour within it, else the next source', async () => {
    const { plan } = planner({ opens: hours('kim', ['2026-11-17T16:00:00Z', '2026-11-24T16:00:00Z', '2026-11-26T07:00:00Z', '2026-11-19T07:00:00Z']) });
    // From Monday 08:00 UTC, 24 hours: Tuesday 16:00 is out of reach; nothing else in reach has history.
    const day = await plan.plan(['kim'], { from: monday, horizonHours: 24 });
    expect(day.get('kim')).toMatchObject({ source: 'default', at: at('2026-12-07T10:00:00Z') });
    const week = await plan.plan(['kim'], { from: monday });
    expect(week.get('kim')).toMatchObject({ source: 'own', at: at('2026-12-08T16:00:00Z') });
    // Ties go to the earlier hour: Thursday 07:00 and Tuesday 16:00 both have 2, from Wednesday the Thursday comes first.
    const wednesday = await plan.plan(['kim'], { from: at('2026-12-09T00:00:00Z') });
    expect(wednesday.get('kim')).toMatchObject({ source: 'own', at: at('2026-12-10T07:00:00Z') });
  });

  it('sends now when the current hour is the best one', async () => {
    const { plan } = planner({ opens: hours('lu', ['2026-11-30T08:00:00Z', '2026-11-23T08:00:00Z', '2026-11-16T08:00:00Z']) });
    const from = at('2026-12-07T08:25:00Z');
    expect((await plan.plan(['lu'], { from })).get('lu')!.at).toEqual(from);
  });

  it('refuses a bad horizon or date, and plans nobody for an empty list', async () => {
    const { plan, calls } = planner({});
    expect((await plan.plan([], { from: monday })).size).toBe(0);
    expect(calls).toEqual([]);
    await expect(plan.plan(['a'], { from: monday, horizonHours: 0 })).rejects.toMatchObject({ code: 'invalid_horizon', status: 400 });
    await expect(plan.plan(['a'], { from: new Date('nonsense') })).rejects.toMatchObject({ code: 'invalid_from' });
  });
});
