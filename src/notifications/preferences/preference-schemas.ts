import { type Static, Type } from '@sinclair/typebox';
import { Shape } from '../../http/contract.ts';
import { NOTIFICATION_TYPES } from '../model.ts';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' });
/** A daily window in a timezone (do-not-disturb, or the preferred time for delivery). */
export const TimeWindow = Type.Object(
  { enabled: Type.Boolean(), startTime: HHMM, endTime: HHMM, timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA, e.g. America/New_York' }) },
  { additionalProperties: false },
);
/** How a user takes one kind of notification (a type, or chat): each as it comes, or gathered into a digest. */
export const DigestChoice = Type.Object(
  {
    mode: Type.Union([Type.Literal('off'), Type.Literal('hourly'), Type.Literal('daily')], { description: 'off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at`' }),
    at: Type.Optional({ ...HHMM, description: 'daily: the local time (HH:MM, 24-hour) the digest goes out' }),
  },
  { additionalProperties: false },
);
export type DigestChoice = Static<typeof DigestChoice>;
export const DIGEST_KEYS = [...NOTIFICATION_TYPES, 'chat'] as const;
export type DigestKey = (typeof DIGEST_KEYS)[number];
/** A user's digest choices per notification type and for unread chat messages, and the timezone of daily digests. */
export const DigestPreferences = Type.Object(
  {
    transactional: Type.Optional(DigestChoice),
    promotional: Type.Optional(DigestChoice),
    systemAlert: Type.Optional(DigestChoice),
    chat: Type.Optional(DigestChoice),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA, e.g. Europe/Berlin; default: the delivery-window or do-not-disturb timezone, else UTC' })),
  },
  { additionalProperties: false },
);
export const UserChannel = Type.Union(['email', 'sms', 'push', 'in-app', 'whatsapp'].map((c) => Type.Literal(c)));

/** The seed's User Preference Model. `promotionalSentToday` and `lastResetDate` are kept by Parley and ignored on write. */
export const PreferencesBody = Type.Object(
  {
    channels: Type.Optional(
      Type.Object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(Type.Array(UserChannel, { uniqueItems: true, maxItems: 5 }))])), {
        additionalProperties: false,
      }),
    ),
    doNotDisturb: Type.Optional(TimeWindow),
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
        {
          email: Type.Optional(Type.Boolean()),
          sms: Type.Optional(Type.Boolean()),
          push: Type.Optional(Type.Boolean()),
          inApp: Type.Optional(Type.Boolean()),
          whatsapp: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    preferredTimeForDelivery: Type.Optional(TimeWindow),
    digests: Type.Optional(DigestPreferences),
  },
  { additionalProperties: false },
);
export type Preferences = Static<typeof PreferencesBody>;
export type TimeWindow = Static<typeof TimeWindow>;

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

/** A registered push device, as the API shows it. */
export const DeviceView = Shape({
  deviceId: Type.String(),
  token: Type.String(),
  platform: Type.Union([Type.Literal('android'), Type.Literal('ios'), Type.Literal('web')]),
  lastUsed: Type.String({ format: 'date-time' }),
});
const UserChannels = Type.Array(UserChannel);
/** A user's preferences and devices, as GET /users/:userId/preferences shows them. */
export const PreferencesView = Shape({
  userId: Type.String(),
  preferences: Shape({
    channels: Shape(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(UserChannels)]))),
    doNotDisturb: Type.Union([TimeWindow, Type.Null()]),
    dailyLimits: Shape({
      promotionalLimit: Type.Union([Type.Integer(), Type.Null()]),
      promotionalSentToday: Type.Integer(),
      lastResetDate: Type.String({ format: 'date', description: "Today in the user's timezone." }),
    }),
    optOut: Shape({ email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean(), inApp: Type.Boolean(), whatsapp: Type.Boolean() }),
    preferredTimeForDelivery: Type.Union([TimeWindow, Type.Null()]),
    digests: DigestPreferences,
  }),
  deviceTokens: Type.Array(DeviceView),
});
