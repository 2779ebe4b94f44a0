import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ConfigError, type Env, int, onOff } from '../env.ts';
import { DEFAULT_ROUTING, type RoutingTable, type TypeRouting } from './accept.ts';
import type { BacklogSettings } from './backlog.ts';
import { type FrequencyCapSettings, parseFrequencyCaps } from './frequency-caps/frequency-cap-settings.ts';
import { NOTIFICATION_TYPES } from './model.ts';
import type { UnsubscribeSettings } from './unsubscribe/recipient-links.ts';
import { type AdapterType, EXTERNAL_CHANNELS, type ProvidersConfig, adapterChannel, adapters, providerEntrySchema } from './providers/registry.ts';

export interface NotificationSettings {
  /** What this process does: serve the API, run the dispatcher, or both. */
  roles: { api: boolean; worker: boolean };
  providers: ProvidersConfig;
  routing: RoutingTable;
  metricsToken?: string;
  defaultLocale: string;
  templateRateLimit: number;
  worker: WorkerSettings;
  /** Back-pressure: past this backlog, accepting answers 429 queue_backlog (see ./backlog.ts). */
  backlog: BacklogSettings;
  /** List-Unsubscribe on email: PARLEY_UNSUBSCRIBE_MAILTO, PARLEY_UNSUBSCRIBE_TRANSACTIONAL. */
  unsubscribe: UnsubscribeSettings;
  /** Answers to SMS keywords (empty: no answer). */
  smsReplies: SmsReplies;
  /** Push tokens not registered again for this long are pruned, by a job this often. */
  deviceTokens: { maxAgeDays: number; pruneIntervalMs: number };
  /** Notification types whose emails carry no open pixel and no rewritten links (PARLEY_TRACKING_OFF_TYPES). */
  trackingOffTypes: Set<string>;
  /** How often a worker looks for digest windows that closed (PARLEY_DIGEST_CHECK_MS). */
  digestCheckMs: number;
  /** Per notification type, at most so many per user in a rolling window (PARLEY_FREQUENCY_CAPS; default: promotional 3 a week). */
  frequencyCaps: FrequencyCapSettings;
}

export interface SmsReplies {
  stop: string;
  start: string;
  help: string;
}

export const DEFAULT_SMS_REPLIES: SmsReplies = {
  stop: 'You are unsubscribed and will get no more messages from this number. Reply START to subscribe again.',
  start: 'You are subscribed again. Reply STOP to unsubscribe, HELP for help.',
  help: 'Marketplace notifications. Reply STOP to unsubscribe, START to subscribe again. Msg & data rates may apply.',
};


export interface WorkerSettings {
  batchSize: number;
  maxInFlight: number;
  leaseSeconds: number;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
}

/** A JSON setting given inline, or as @/path/to/file.json. */
function json(env: Env, name: string): unknown {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (err) {
      throw new ConfigError(name, `cannot read ${raw.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(name, `is not valid JSON: ${(err as Error).message}`);
  }
}

const ajv = addFormats.default(new Ajv({ allErrors: false, strict: false }));

/**
 * PARLEY_DKIM_PRIVATE_KEY (PEM, or @/path/to/key.pem), with PARLEY_DKIM_SELECTOR and
 * PARLEY_DKIM_DOMAIN: the DKIM key every SMTP provider signs with unless it names its own
 * (or `"dkim": false`).
 */
function dkim(env: Env): { privateKey: string; keySelector?: string; domainName?: string } | undefined {
  const raw = env.PARLEY_DKIM_PRIVATE_KEY?.trim();
  if (!raw) {
    if (env.PARLEY_DKIM_SELECTOR || env.PARLEY_DKIM_DOMAIN) throw new ConfigError('PARLEY_DKIM_PRIVATE_KEY', 'is required when PARLEY_DKIM_SELECTOR or PARLEY_DKIM_DOMAIN is set');
    return undefined;
  }
  let privateKey = raw;
  if (raw.startsWith('@')) {
    try {
      privateKey = readFileSync(raw.slice(1), 'utf8');
    } catch (err) {
      throw new ConfigError('PARLEY_DKIM_PRIVATE_KEY', `cannot read ${raw.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  privateKey = privateKey.replace(/\\n/g, '\n');
  if (!/-----BEGIN (RSA |)PRIVATE KEY-----/.test(privateKey)) throw new ConfigError('PARLEY_DKIM_PRIVATE_KEY', 'must be a PEM private key (-----BEGIN PRIVATE KEY-----), or @/path/to/key.pem');
  const keySelector = env.PARLEY_DKIM_SELECTOR?.trim() || undefined;
  if (keySelector && !/^[A-Za-z0-9._-]{1,63}$/.test(keySelector)) throw new ConfigError('PARLEY_DKIM_SELECTOR', 'must be a DNS label such as parley or s2026');
  const domainName = env.PARLEY_DKIM_DOMAIN?.trim() || undefined;
  if (domainName && !/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(domainName)) throw new ConfigError('PARLEY_DKIM_DOMAIN', 'must be a domain such as mail.example.com');
  return { privateKey, ...(keySelector && { keySelector }), ...(domainName && { domainName }) };
}

function unsubscribe(env: Env): UnsubscribeSettings {
  const mailto = env.PARLEY_UNSUBSCRIBE_MAILTO?.trim() || undefined;
  if (mailto && !/^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/.test(mailto)) throw new ConfigError('PARLEY_UNSUBSCRIBE_MAILTO', 'must be an address such as unsubscribe@mail.example.com');
  return { mailto, transactional: onOff(env, 'PARLEY_UNSUBSCRIBE_TRANSACTIONAL') };
}

function providers(env: Env): ProvidersConfig {
  const value = json(env, 'PARLEY_PROVIDERS');
  const key = dkim(env);
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('PARLEY_PROVIDERS', 'must be an object of channel → list of providers, e.g. {"email":[{"type":"sendgrid",...}]}');
  const result: ProvidersConfig = {};
  for (const [channel, list] of Object.entries(value)) {
    if (!EXTERNAL_CHANNELS.includes(channel as never)) throw new ConfigError('PARLEY_PROVIDERS', `unknown channel "${channel}"; channels are ${EXTERNAL_CHANNELS.join(', ')}`);
    if (!Array.isArray(list) || list.length === 0) throw new ConfigError('PARLEY_PROVIDERS', `${channel} must be a non-empty list`);
    const names = new Set<string>();
    for (const [i, item] of list.entries()) {
      const where = `${channel}[${i}]`;
      const type = (item as { type?: unknown })?.type;
      if (typeof type !== 'string' || !(type === 'console' || type in adapters)) {
        throw new ConfigError('PARLEY_PROVIDERS', `${where}.type must be one of console, ${Object.keys(adapters).join(', ')}`);
      }
      const expected = adapterChannel(type as AdapterType);
      if (expected !== 'any' && expected !== channel) throw new ConfigError('PARLEY_PROVIDERS', `${where}: ${type} is a ${expected} provider, not ${channel}`);
      const validate = ajv.compile(providerEntrySchema(type as AdapterType));
      if (!validate(item)) {
        const e = validate.errors?.[0];
        throw new ConfigError('PARLEY_PROVIDERS', `${where} (${type}) ${e?.instancePath || ''} ${e?.message ?? 'is invalid'}${e?.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`.replace(/\s+/g, ' '));
      }
      const name = ((item as { name?: string }).name ?? type) as string;
      if (names.has(name)) throw new ConfigError('PARLEY_PROVIDERS', `${where}: two ${channel} providers are named "${name}"; give one a "name"`);
      names.add(name);
      // DKIM is on by default for SMTP when a key is configured: the provider's own, else PARLEY_DKIM_*.
      if (type === 'smtp' && key && (item as { dkim?: unknown }).dkim === undefined) (item as { dkim?: unknown }).dkim = { ...key };
    }
    result[channel as keyof ProvidersConfig] = list;
  }
  return result;
}

function routing(env: Env): RoutingTable {
  const value = json(env, 'PARLEY_NOTIFICATION_TYPES');
  const table: RoutingTable = structuredClone(DEFAULT_ROUTING);
  if (value === undefined) return table;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('PARLEY_NOTIFICATION_TYPES', 'must be an object keyed by notification type');
  for (const [type, raw] of Object.entries(value as Record<string, Record<string, unknown>>)) {
    const name = `PARLEY_NOTIFICATION_TYPES`;
    if (!NOTIFICATION_TYPES.includes(type as never)) throw new ConfigError(name, `unknown type "${type}"; types are ${NOTIFICATION_TYPES.join(', ')}`);
    const current = table[type as keyof RoutingTable];
    for (const [key, v] of Object.entries(raw ?? {})) {
      if (key === 'strategy' && (v === 'all' || v === 'fallback')) current.strategy = v;
      else if (key === 'fallbackAfterSeconds' && Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 86_400) current.fallbackAfterSeconds = v as number;
      else if (key === 'quietHours' && (v === 'respect' || v === 'bypass')) current.quietHours = v;
      else if (key === 'priority' && (v === 'low' || v === 'medium' || v === 'high')) current.priority = v;
      else if (key === 'digest') current.digest = digestSetting(type, v);
      else throw new ConfigError(name, `${type}.${key}: expected strategy all|fallback, fallbackAfterSeconds 0-86400, quietHours respect|bypass, priority low|medium|high or digest {"every":"hour"}|{"dailyAt":"HH:MM"}`);
    }
  }
  return table;
}

/** A type's digest: {"every": "hour"}, {"dailyAt": "18:00"} (the user's local time), or null for none. */
function digestSetting(type: string, v: unknown): TypeRouting['digest'] {
  if (v === null || v === false) return undefined;
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && o.every === 'hour') return { every: 'hour' };
  if (keys.length === 1 && typeof o.dailyAt === 'string' && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(o.dailyAt)) return { dailyAt: o.dailyAt };
  throw new ConfigError('PARLEY_NOTIFICATION_TYPES', `${type}.digest: expected {"every":"hour"} or {"dailyAt":"HH:MM"} (24-hour, the user's local time), or null`);
}

function roles(env: Env): NotificationSettings['roles'] {
  const list = (env.PARLEY_ROLES ?? 'api,worker').split(',').map((s) => s.trim()).filter(Boolean);
  for (const role of list) if (role !== 'api' && role !== 'worker') throw new ConfigError('PARLEY_ROLES', `unknown role "${role}"; roles are api and worker`);
  if (!list.length) throw new ConfigError('PARLEY_ROLES', 'name at least one role: api, worker');
  return { api: list.includes('api'), worker: list.includes('worker') };
}

/** PARLEY_TRACKING_OFF_TYPES: a comma-separated list of notification types not to track. */
function trackingOffTypes(env: Env): Set<string> {
  const types = (env.PARLEY_TRACKING_OFF_TYPES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const type of types) {
    if (!NOTIFICATION_TYPES.includes(type as never)) throw new ConfigError('PARLEY_TRACKING_OFF_TYPES', `unknown type "${type}"; types are ${NOTIFICATION_TYPES.join(', ')}`);
  }
  return new Set(types);
}

export function loadNotificationSettings(env: Env): NotificationSettings {
  const locale = env.PARLEY_DEFAULT_LOCALE || 'en';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) throw new ConfigError('PARLEY_DEFAULT_LOCALE', 'must be a language tag such as en or pt-BR');
  const metricsToken = env.PARLEY_METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 16) throw new ConfigError('PARLEY_METRICS_TOKEN', 'must be at least 16 characters long');
  return {
    roles: roles(env),
    providers: providers(env),
    routing: routing(env),
    metricsToken,
    defaultLocale: locale,
    templateRateLimit: int(env, 'PARLEY_TEMPLATE_RATE_LIMIT', 60, 1, 100_000),
    worker: {
      batchSize: int(env, 'PARLEY_WORKER_BATCH', 500, 1, 10_000),
      maxInFlight: int(env, 'PARLEY_WORKER_IN_FLIGHT', 500, 1, 100_000),
      leaseSeconds: int(env, 'PARLEY_LEASE_SECONDS', 60, 1, 3600),
      pollMs: int(env, 'PARLEY_POLL_MS', 500, 10, 60_000),
      retryBaseMs: int(env, 'PARLEY_RETRY_BASE_MS', 2_000, 1, 3_600_000),
      retryMaxMs: int(env, 'PARLEY_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
      breakerThreshold: int(env, 'PARLEY_BREAKER_THRESHOLD', 5, 1, 1000),
      breakerCooldownMs: int(env, 'PARLEY_BREAKER_COOLDOWN_SECONDS', 30, 1, 3600) * 1000,
    },
    unsubscribe: unsubscribe(env),
    smsReplies: {
      stop: text(env, 'PARLEY_SMS_STOP_TEXT', DEFAULT_SMS_REPLIES.stop),
      start: text(env, 'PARLEY_SMS_START_TEXT', DEFAULT_SMS_REPLIES.start),
      help: text(env, 'PARLEY_SMS_HELP_TEXT', DEFAULT_SMS_REPLIES.help),
    },
    deviceTokens: {
      maxAgeDays: int(env, 'PARLEY_DEVICE_TOKEN_MAX_AGE_DAYS', 270, 1, 3650),
      pruneIntervalMs: int(env, 'PARLEY_DEVICE_TOKEN_PRUNE_MINUTES', 60, 1, 10_080) * 60_000,
    },
    trackingOffTypes: trackingOffTypes(env),
    digestCheckMs: int(env, 'PARLEY_DIGEST_CHECK_MS', 30_000, 50, 3_600_000),
    frequencyCaps: parseFrequencyCaps(json(env, 'PARLEY_FREQUENCY_CAPS')),
    backlog: {
      maxSeconds: int(env, 'PARLEY_QUEUE_MAX_SECONDS', 0, 0, 86_400),
      maxRows: int(env, 'PARLEY_QUEUE_MAX_ROWS', 1_000_000, 0, 1_000_000_000),
      sampleMs: 1_000,
      windowMs: 30_000,
    },
  };
}

/** A reply text: the default when unset, none when set to an empty string; at most one SMS's worth of ten segments. */
function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined) return fallback;
  if (value.length > 1530) throw new ConfigError(name, 'must be at most 1530 characters (ten SMS segments)');
  return value.trim();
}
