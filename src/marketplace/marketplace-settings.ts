import { isSupportedCountry } from 'libphonenumber-js';
import { ConfigError, type Env, int } from '../env.ts';
import { MASKABLE_ROLES, type MaskableRole, type MaskingSettings } from '../messages/masking.ts';

export interface MarketplaceSettings {
  masking: MaskingSettings;
  /** Days after delivery that the buyer is asked for a review. */
  reviewRequestDays: number;
  /** An order this many days after an inquiry for the same product or listing converts it. */
  inquiryConversionDays: number;
  /** Seconds a message may stay unread before its recipient gets one reminder; 0: no reminders. */
  unreadReminderSeconds: number;
  /** Hours a dispute may stay unresolved before it goes to the moderation queue. */
  disputeQueueHours: number;
  /** Moderators disputes are assigned to (the one with the fewest unresolved disputes first). */
  moderators: string[];
  /** Channels order notifications are sent on, before each user's preferences apply. */
  orderNotificationChannels: ('in-app' | 'email' | 'sms' | 'push')[];
  /** Template and quick-reply changes a seller may make per minute. */
  templateRateLimit: number;
  /** How often the background jobs (reminders, the dispute queue, usage counts) run. */
  jobIntervalMs: number;
  /** How often analytics take in new messages. */
  analyticsIntervalMs: number;
  /** RabbitMQ: when set, order events are also consumed from this queue. */
  amqpUrl?: string;
  amqpQueue: string;
}

const channelNames = ['in-app', 'email', 'sms', 'push'] as const;

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function maskingRoles(env: Env): MaskableRole[] {
  const raw = env.PARLEY_MASKING_ROLES;
  if (raw === undefined || raw.trim() === '') return ['buyer', 'seller'];
  if (raw.trim() === 'none') return [];
  const roles = list(env, 'PARLEY_MASKING_ROLES');
  for (const role of roles) {
    if (!MASKABLE_ROLES.includes(role as MaskableRole)) {
      throw new ConfigError('PARLEY_MASKING_ROLES', `unknown role "${role}"; use ${MASKABLE_ROLES.join(', ')}, or none to turn masking off`);
    }
  }
  return roles as MaskableRole[];
}

function hosts(env: Env, name: string): string[] {
  const values = list(env, name).map((h) => h.toLowerCase().replace(/^\*\./, ''));
  for (const host of values) {
    if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/.test(host)) {
      throw new ConfigError(name, `"${host}" is not a host name such as shop.example`);
    }
  }
  return values;
}

function userIds(env: Env, name: string): string[] {
  const values = list(env, name);
  for (const id of values) {
    if (!/^[A-Za-z0-9._:@-]{1,128}$/.test(id)) throw new ConfigError(name, `"${id}" is not a user id (letters, digits and . _ : @ -)`);
  }
  return values;
}

function channels(env: Env): MarketplaceSettings['orderNotificationChannels'] {
  const raw = env.PARLEY_ORDER_NOTIFICATION_CHANNELS;
  if (raw === undefined || raw.trim() === '') return ['in-app', 'email', 'push'];
  const values = list(env, 'PARLEY_ORDER_NOTIFICATION_CHANNELS');
  for (const c of values) {
    if (!channelNames.includes(c as never)) throw new ConfigError('PARLEY_ORDER_NOTIFICATION_CHANNELS', `unknown channel "${c}"; channels are ${channelNames.join(', ')}`);
  }
  return [...new Set(values)] as MarketplaceSettings['orderNotificationChannels'];
}

function amqpUrl(env: Env): string | undefined {
  const raw = env.AMQP_URL?.trim();
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !/^amqps?:$/.test(new URL(raw).protocol)) throw new ConfigError('AMQP_URL', 'must start with amqp:// or amqps://');
  return raw;
}

export function loadMarketplaceSettings(env: Env): MarketplaceSettings {
  const phoneRegion = (env.PARLEY_PHONE_REGION || 'US').toUpperCase();
  if (!isSupportedCountry(phoneRegion)) throw new ConfigError('PARLEY_PHONE_REGION', `"${phoneRegion}" is not a country code such as US, GB or FR`);
  const amqpQueue = env.PARLEY_AMQP_QUEUE || 'parley.order-events';
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(amqpQueue)) throw new ConfigError('PARLEY_AMQP_QUEUE', 'may only use letters, digits and _ . : -');
  return {
    masking: { roles: maskingRoles(env), linkAllowlist: hosts(env, 'PARLEY_MASKING_LINK_ALLOWLIST'), phoneRegion },
    reviewRequestDays: int(env, 'PARLEY_REVIEW_REQUEST_DAYS', 3, 0, 365),
    inquiryConversionDays: int(env, 'PARLEY_INQUIRY_CONVERSION_DAYS', 30, 1, 365),
    unreadReminderSeconds: int(env, 'PARLEY_UNREAD_REMINDER_SECONDS', 600, 0, 7 * 86_400),
    disputeQueueHours: int(env, 'PARLEY_DISPUTE_QUEUE_HOURS', 24, 1, 24 * 90),
    moderators: userIds(env, 'PARLEY_MODERATORS'),
    orderNotificationChannels: channels(env),
    templateRateLimit: int(env, 'PARLEY_SELLER_TEMPLATE_RATE_LIMIT', 20, 1, 100_000),
    jobIntervalMs: int(env, 'PARLEY_JOB_INTERVAL_MS', 5_000, 50, 3_600_000),
    analyticsIntervalMs: int(env, 'PARLEY_ANALYTICS_INTERVAL_SECONDS', 60, 1, 86_400) * 1000,
    amqpUrl: amqpUrl(env),
    amqpQueue,
  };
}
