import type { Db } from '../../db/connect.ts';
import { invalid, notFound } from '../../errors.ts';
import { DIGEST_KEYS, type Device, type DeviceInput, type DigestChoice, type Preferences } from './preference-schemas.ts';
import { isTimezone, userDay } from './quiet-hours.ts';
import { deleteDevice, deleteDeviceToken } from './sql/deleteDevice.ts';
import { dropTypeChannel } from './sql/dropTypeChannel.ts';
import { deleteStaleDevices } from './sql/deleteStaleDevices.ts';
import { deleteUnregisteredToken } from './sql/deleteUnregisteredToken.ts';
import { findUserPreferences } from './sql/findUserPreferences.ts';
import { listDevices } from './sql/listDevices.ts';
import { optOutChannel } from './sql/optOutChannel.ts';
import { upsertDevice } from './sql/upsertDevice.ts';
import { upsertUserPreferences } from './sql/upsertUserPreferences.ts';

export interface PreferencesOptions {
  db: Db;
  /** The user's latest counted day of promotional notifications (the deliveries own the counts). */
  latestDailyCount: (userId: string) => Promise<{ day: string; count: number } | undefined>;
  /** Told of every change, so that other nodes drop their cached copy. */
  changed?: (userId: string) => void;
  /** Told of every device registration (a token registered again lifts its suppression). */
  tokenRegistered?: (token: string, at: Date) => Promise<unknown>;
}

/**
 * Users' communication preferences and push devices: owner of user_preferences and
 * device_tokens. The dispatcher reads both through here (cached for a minute, dropped on
 * change on every node).
 */
export function createPreferences({ db, latestDailyCount, changed, tokenRegistered }: PreferencesOptions) {
  const cache = new Map<string, { prefs: Preferences | undefined; at: number }>();
  const ttlMs = 60_000;

  function normalise(input: Preferences): Preferences {
    for (const [name, window] of [['doNotDisturb', input.doNotDisturb], ['preferredTimeForDelivery', input.preferredTimeForDelivery]] as const) {
      if (window && !isTimezone(window.timezone)) {
        throw invalid('invalid_timezone', `${name}.timezone "${window.timezone}" is not an IANA timezone such as Europe/Paris.`, { field: `${name}.timezone` });
      }
    }
    const digests = input.digests;
    if (digests?.timezone && !isTimezone(digests.timezone)) {
      throw invalid('invalid_timezone', `digests.timezone "${digests.timezone}" is not an IANA timezone such as Europe/Paris.`, { field: 'digests.timezone' });
    }
    for (const key of DIGEST_KEYS) {
      const choice = digests?.[key] as DigestChoice | undefined;
      if (choice?.mode === 'daily' && !choice.at) throw invalid('digest_time_missing', `digests.${key} is daily: say at what time with "at" (HH:MM, 24-hour).`, { field: `digests.${key}.at` });
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
        const found = await findUserPreferences(db, missing);
        if (cache.size > 200_000) cache.clear();
        for (const id of missing) {
          result.set(id, found.get(id));
          cache.set(id, { prefs: found.get(id), at: now });
        }
      }
      return result;
    },

    async read(userId: string) {
      const [stored, devices, counted] = await Promise.all([findUserPreferences(db, [userId]), this.devices(userId), latestDailyCount(userId)]);
      const prefs = stored.get(userId) ?? {};
      const today = userDay(prefs, new Date());
      const sentToday = counted?.day === today ? counted.count : 0;
      return {
        userId,
        preferences: {
          channels: prefs.channels ?? {},
          doNotDisturb: prefs.doNotDisturb ?? null,
          dailyLimits: { promotionalLimit: prefs.dailyLimits?.promotionalLimit ?? null, promotionalSentToday: sentToday, lastResetDate: today },
          optOut: { email: false, sms: false, push: false, inApp: false, whatsapp: false, ...prefs.optOut },
          preferredTimeForDelivery: prefs.preferredTimeForDelivery ?? null,
          digests: prefs.digests ?? {},
        },
        deviceTokens: devices,
      };
    },

    async write(userId: string, input: Preferences) {
      await upsertUserPreferences(db, userId, normalise(input));
      cache.delete(userId);
      changed?.(userId);
      return this.read(userId);
    },

    /** Turns one channel off for a user (a hard bounce or complaint on their address does this for email). */
    async optOut(userId: string, channel: 'email' | 'sms' | 'whatsapp') {
      await optOutChannel(db, userId, channel);
      cache.delete(userId);
      changed?.(userId);
    },

    /** Stops one notification type on one channel for a user (an unsubscribe link does this); repeating it changes nothing. */
    async optOutOfType(userId: string, type: string, channel: string) {
      await dropTypeChannel(db, userId, type, channel);
      cache.delete(userId);
      changed?.(userId);
    },

    /** A user's stored preferences as written (the hosted preference page edits them). */
    async stored(userId: string): Promise<Preferences> {
      return (await findUserPreferences(db, [userId])).get(userId) ?? {};
    },

    async devices(userId: string): Promise<Device[]> {
      return (await listDevices(db, [userId])).get(userId) ?? [];
    },

    /** The push devices of many users at once (the dispatcher's batch), by user. */
    devicesOf: (userIds: string[]): Promise<Map<string, Device[]>> => listDevices(db, userIds),

    async registerDevice(userId: string, input: DeviceInput): Promise<{ device: Device; created: boolean }> {
      if (input.platform === 'web') {
        let ok = false;
        try {
          const sub = JSON.parse(input.token) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
          ok = typeof sub.endpoint === 'string' && /^https:\/\//.test(sub.endpoint) && typeof sub.keys?.p256dh === 'string' && typeof sub.keys?.auth === 'string';
        } catch {}
        if (!ok) throw invalid('invalid_device_token', 'A web device token is the browser PushSubscription as JSON: {"endpoint":"https://...","keys":{"p256dh":"...","auth":"..."}}.', { field: 'token' });
      }
      const registered = await upsertDevice(db, userId, input);
      await tokenRegistered?.(input.token, new Date(registered.device.lastUsed));
      return registered;
    },

    async removeDevice(userId: string, deviceId: string): Promise<void> {
      if (!(await deleteDevice(db, userId, deviceId))) throw notFound('device');
    },

    /**
     * A push service reported the token unregistered as of `at`: the device goes unless it was
     * registered after `at`. Answers true when it was (and so stays).
     */
    tokenUnregistered: (userId: string, deviceId: string, token: string, at: Date) => deleteUnregisteredToken(db, userId, deviceId, token, at),

    /** Removes devices whose token was last registered before `cutoff`, up to `limit`; answers them. */
    pruneStale: (cutoff: Date, limit: number) => deleteStaleDevices(db, cutoff, limit),

    /** Drops a token a provider reported as no longer valid (only if it was not re-registered since). */
    async dropToken(userId: string, deviceId: string, token: string): Promise<void> {
      await deleteDeviceToken(db, userId, deviceId, token);
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferences>;
