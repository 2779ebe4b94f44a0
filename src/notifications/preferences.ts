import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { invalid, notFound } from '../errors.ts';
import { type Channel, NOTIFICATION_TYPES, type NotificationType } from './model.ts';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' });
const Window = Type.Object(
  { enabled: Type.Boolean(), startTime: HHMM, endTime: HHMM, timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA, e.g. America/New_York' }) },
  { additionalProperties: false },
);
const UserChannel = Type.Union(['email', 'sms', 'push', 'in-app'].map((c) => Type.Literal(c)));

/** The seed's User Preference Model. `promotionalSentToday` and `lastResetDate` are kept by Parley and ignored on write. */
export const PreferencesBody = Type.Object(
  {
    channels: Type.Optional(
      Type.Object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(Type.Array(UserChannel, { uniqueItems: true, maxItems: 4 }))])), {
        additionalProperties: false,
      }),
    ),
    doNotDisturb: Type.Optional(Window),
    dailyLimits: Type.Optional(
      Type.Object(
        {
          promotionalLimit: Type.Integer({ minimum: 0, maximum: 1000 }),
          promotionalSentToday: Type.Optional(Type.Integer()),
          lastResetDate: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    optOut: Type.Optional(
      Type.Object(
        { email: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()), push: Type.Optional(Type.Boolean()), inApp: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    preferredTimeForDelivery: Type.Optional(Window),
  },
  { additionalProperties: false },
);
export type Preferences = Static<typeof PreferencesBody>;
type TimeWindow = Static<typeof Window>;

export const DeviceBody = Type.Object(
  {
    deviceId: Type.String({ minLength: 1, maxLength: 255 }),
    token: Type.String({ minLength: 1, maxLength: 4096, description: 'FCM registration token, APNs device token, or a Web Push subscription as JSON' }),
    platform: Type.Union([Type.Literal('android'), Type.Literal('ios'), Type.Literal('web')]),
  },
  { additionalProperties: false },
);
export type DeviceInput = Static<typeof DeviceBody>;

export interface Device {
  deviceId: string;
  token: string;
  platform: 'android' | 'ios' | 'web';
  lastUsed: string;
}

const optOutKey: Record<Channel, 'email' | 'sms' | 'push' | 'inApp' | undefined> = { email: 'email', sms: 'sms', push: 'push', 'in-app': 'inApp', webhook: undefined };

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
function nextLocalTime(hhmm: string, timezone: string, from: Date): Date {
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

function dayString(day: unknown): string {
  return day instanceof Date ? day.toISOString().slice(0, 10) : String(day).slice(0, 10);
}

export function createPreferences({ db, changed }: { db: Db; changed?: (userId: string) => void }) {
  const cache = new Map<string, { prefs: Preferences | undefined; at: number }>();
  const ttlMs = 60_000;

  function normalise(input: Preferences): Preferences {
    for (const [name, window] of [['doNotDisturb', input.doNotDisturb], ['preferredTimeForDelivery', input.preferredTimeForDelivery]] as const) {
      if (window && !isTimezone(window.timezone)) {
        throw invalid('invalid_timezone', `${name}.timezone "${window.timezone}" is not an IANA timezone such as Europe/Paris.`, { field: `${name}.timezone` });
      }
    }
    const { dailyLimits, ...rest } = input;
    return dailyLimits ? { ...rest, dailyLimits: { promotionalLimit: dailyLimits.promotionalLimit } } : rest;
  }

  return {
    forget(userId: string) {
      cache.delete(userId);
    },

    forgetAll() {
      cache.clear();
    },

    /** Stored preferences for many users at once, from the cache where fresh. */
    async getMany(userIds: string[]): Promise<Map<string, Preferences | undefined>> {
      const result = new Map<string, Preferences | undefined>();
      const missing: string[] = [];
      const now = Date.now();
      for (const id of new Set(userIds)) {
        const hit = cache.get(id);
        if (hit && now - hit.at < ttlMs) result.set(id, hit.prefs);
        else missing.push(id);
      }
      if (missing.length) {
        const rows = await db.selectFrom('user_preferences').select(['user_id', 'preferences']).where('user_id', 'in', missing).execute();
        const found = new Map(rows.map((r) => [r.user_id, r.preferences as Preferences]));
        if (cache.size > 200_000) cache.clear();
        for (const id of missing) {
          result.set(id, found.get(id));
          cache.set(id, { prefs: found.get(id), at: now });
        }
      }
      return result;
    },

    async read(userId: string) {
      const [row, devices, counted] = await Promise.all([
        db.selectFrom('user_preferences').select('preferences').where('user_id', '=', userId).executeTakeFirst(),
        this.devices(userId),
        db.selectFrom('notification_daily_counts').select(['day', sql<number>`cardinality(request_ids)`.as('n')]).where('user_id', '=', userId).orderBy('day', 'desc').limit(1).executeTakeFirst(),
      ]);
      const prefs = (row?.preferences as Preferences | undefined) ?? {};
      const today = userDay(prefs, new Date());
      const countedDay = counted ? dayString(counted.day as unknown) : undefined;
      const sentToday = countedDay === today ? Number(counted?.n ?? 0) : 0;
      return {
        userId,
        preferences: {
          channels: prefs.channels ?? {},
          doNotDisturb: prefs.doNotDisturb ?? null,
          dailyLimits: { promotionalLimit: prefs.dailyLimits?.promotionalLimit ?? null, promotionalSentToday: sentToday, lastResetDate: today },
          optOut: { email: false, sms: false, push: false, inApp: false, ...prefs.optOut },
          preferredTimeForDelivery: prefs.preferredTimeForDelivery ?? null,
        },
        deviceTokens: devices,
      };
    },

    async write(userId: string, input: Preferences) {
      const prefs = normalise(input);
      await db
        .insertInto('user_preferences')
        .values({ user_id: userId, preferences: JSON.stringify(prefs), updated_at: new Date() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ preferences: JSON.stringify(prefs), updated_at: new Date() }))
        .execute();
      cache.delete(userId);
      changed?.(userId);
      return this.read(userId);
    },

    /** Turns one channel off for a user (a hard bounce or complaint on their address does this for email). */
    async optOut(userId: string, channel: 'email' | 'sms') {
      await db
        .insertInto('user_preferences')
        .values({ user_id: userId, preferences: JSON.stringify({ optOut: { [channel]: true } }), updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            preferences: sql`jsonb_set(user_preferences.preferences, '{optOut}', coalesce(user_preferences.preferences->'optOut', '{}'::jsonb) || ${JSON.stringify({ [channel]: true })}::jsonb)`,
            updated_at: new Date(),
          }),
        )
        .execute();
      cache.delete(userId);
      changed?.(userId);
    },

    async devices(userId: string): Promise<Device[]> {
      const rows = await db.selectFrom('device_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
      return rows.map((r) => ({ deviceId: r.device_id, token: r.token, platform: r.platform as Device['platform'], lastUsed: new Date(r.last_used).toISOString() }));
    },

    async registerDevice(userId: string, input: DeviceInput): Promise<{ device: Device; created: boolean }> {
      if (input.platform === 'web') {
        let ok = false;
        try {
          const sub = JSON.parse(input.token) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
          ok = typeof sub.endpoint === 'string' && /^https:\/\//.test(sub.endpoint) && typeof sub.keys?.p256dh === 'string' && typeof sub.keys?.auth === 'string';
        } catch {}
        if (!ok) throw invalid('invalid_device_token', 'A web device token is the browser PushSubscription as JSON: {"endpoint":"https://...","keys":{"p256dh":"...","auth":"..."}}.', { field: 'token' });
      }
      const row = await db
        .insertInto('device_tokens')
        .values({ user_id: userId, device_id: input.deviceId, token: input.token, platform: input.platform, last_used: new Date(), created_at: new Date() })
        .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ token: input.token, platform: input.platform, last_used: new Date() }))
        .returning(['device_id', 'token', 'platform', 'last_used', sql<boolean>`(xmax = 0)`.as('inserted')])
        .executeTakeFirstOrThrow();
      return {
        device: { deviceId: row.device_id, token: row.token, platform: row.platform as Device['platform'], lastUsed: new Date(row.last_used).toISOString() },
        created: Boolean(row.inserted),
      };
    },

    async removeDevice(userId: string, deviceId: string): Promise<void> {
      const row = await db.deleteFrom('device_tokens').where('user_id', '=', userId).where('device_id', '=', deviceId).returning('device_id').executeTakeFirst();
      if (!row) throw notFound('device');
    },

    /** Drops a token a provider reported as no longer valid (only if it was not re-registered since). */
    async dropToken(userId: string, deviceId: string, token: string): Promise<void> {
      await db.deleteFrom('device_tokens').where('user_id', '=', userId).where('device_id', '=', deviceId).where('token', '=', token).execute();
    },

    /**
     * Counts a promotional notification against the user's daily limit. Counting is per request,
     * so the same promotion on two channels counts once; the row lock serialises concurrent workers.
     */
    async countPromotional(userId: string, day: string, requestId: string, limit: number): Promise<boolean> {
      const row = await sql<{ allowed: boolean }>`
        INSERT INTO notification_daily_counts AS c (user_id, day, request_ids)
        VALUES (${userId}, ${day}::date, CASE WHEN ${limit}::int > 0 THEN ARRAY[${requestId}::uuid] ELSE ARRAY[]::uuid[] END)
        ON CONFLICT (user_id, day) DO UPDATE SET request_ids = CASE
          WHEN ${requestId}::uuid = ANY(c.request_ids) THEN c.request_ids
          WHEN cardinality(c.request_ids) < ${limit}::int THEN array_append(c.request_ids, ${requestId}::uuid)
          ELSE c.request_ids END
        RETURNING ${requestId}::uuid = ANY(request_ids) AS allowed`.execute(db);
      return Boolean(row.rows[0]?.allowed);
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferences>;
