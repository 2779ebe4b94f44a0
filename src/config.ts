import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type EmailReplySettings, loadEmailReplySettings } from './email-replies/email-reply-settings.ts';
import { type MediaSettings, loadMediaSettings } from './attachments/media-settings.ts';
import { type KpiSettings, loadKpiSettings } from './kpis/kpi-settings.ts';
import { type MarketplaceSettings, loadMarketplaceSettings } from './marketplace/marketplace-settings.ts';
import { type NotificationSettings, loadNotificationSettings } from './notifications/settings.ts';
import { type WebhookSettings, loadWebhookSettings } from './webhooks/webhook-settings.ts';
import { type CampaignSettings, loadCampaignSettings } from './campaigns/campaign-settings.ts';
import { type TierSettings, loadTierSettings } from './tiers/tier-settings.ts';
import { DEMO_MODERATOR_ID } from './demo/users.ts';
import { ConfigError, type Env, int, list, onOff, url } from './env.ts';

/** Parsed, validated configuration. Built once at start-up from the environment. */
export interface Config {
  port: number;
  host: string;
  /**
   * The address recipients reach this Parley at (PARLEY_PUBLIC_URL, no trailing slash): the base of
   * every link Parley writes into a message (tracking, unsubscribe, preference pages).
   */
  publicUrl: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined = embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** Redis connection string; undefined = in-process fan-out and limits. */
  redisUrl?: string;
  apiKeys: string[];
  jwtSecret?: string;
  jwksUrl?: string;
  /** When set, a user token's "iss" must be exactly this (PARLEY_JWT_ISSUER). */
  jwtIssuer?: string;
  /** When set, a user token's "aud" must name one of these (PARLEY_JWT_AUDIENCE, comma-separated). */
  jwtAudience?: string[];
  /** Seconds of clock difference allowed when checking a user token's exp, nbf and iat. */
  jwtClockSkewSeconds: number;
  /** Raw keyring spec ("id:base64,id:base64" or one base64 key); first entry encrypts. */
  encryptionKey: string;
  logLevel: string;
  /** Maximum JSON request body, bytes. */
  bodyLimit: number;
  /** Maximum attachment upload, bytes. */
  attachmentMaxBytes: number;
  /** MIME types an attachment may have (exact, or "type/*"). */
  attachmentTypes: string[];
  /** Video and voice attachments (their types, size and duration limits) and the optional clamd scan. */
  media: MediaSettings;
  /** Seconds after sending during which a sender may edit or delete a message. */
  editWindowSeconds: number;
  /** Messages a user may send per window. */
  sendRateLimit: number;
  sendRateWindowSeconds: number;
  /** Minimum milliseconds between two typing events from one user in one conversation. */
  typingThrottleMs: number;
  /** Size of the PostgreSQL connection pool. */
  databasePoolSize: number;
  /** Milliseconds a request waits for a database connection before it answers 503. */
  databaseWaitMs: number;
  /** Milliseconds a Redis command may take before it is given up (and the node works on its own). */
  redisTimeoutMs: number;
  /** Set when the embedded default generated its own API key and JWT secret into this file. */
  credentialsFile?: string;
  /** Prefix of every Redis key and channel, so deployments can share one Redis. */
  redisPrefix: string;
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser; empty: no CORS headers. */
  corsOrigins: string[];
  notifications: NotificationSettings;
  marketplace: MarketplaceSettings;
  /** KPI targets (PARLEY_KPI_TARGETS over the specification's) and the conversion attribution window. */
  kpis: KpiSettings;
  /** Reply by email: the reply-to domain, the SMTP listener, the inbound webhooks (PARLEY_REPLY_*). */
  emailReplies: EmailReplySettings;
  /** Event webhooks: the retry schedule, when a failing endpoint is disabled, the hosts allowed to be private. */
  webhooks: WebhookSettings;
  /** Campaigns: the expansion's batch size, pace lead and lease, the conversion window (PARLEY_CAMPAIGN_*). */
  campaigns: CampaignSettings;
  /** Merchant tiers: their monthly limits (PARLEY_TIERS over the specification's) and the default tier (PARLEY_DEFAULT_TIER). */
  tiers: TierSettings;
  /** Hold every response to its route's schema, answering 500 on a mismatch (PARLEY_CHECK_RESPONSES=1; tests). */
  checkResponses: boolean;
  /** Demo mode (`--demo` or PARLEY_DEMO=1): a seeded marketplace and a sign-in page to pick who to be. */
  demo: { enabled: boolean };
}

/**
 * Reads the environment. `PARLEY_ENCRYPTION_KEY` may be left unset on the embedded default:
 * a key is then generated into the data directory on first start and reused afterwards.
 */
export function loadConfig(env: Env = process.env, argv: readonly string[] = []): Config {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwksUrl = url(env, 'PARLEY_JWKS_URL', ['https:', 'http:']);
  const demo = demoMode(env, argv, databaseUrl);
  // Demo data never goes into a user's real ./data.
  const dataDir = resolve(env.PARLEY_DATA_DIR || (demo.enabled ? './data/demo' : './data'));
  const apiKeys = list(env, 'PARLEY_API_KEYS');
  for (const key of apiKeys) {
    if (key.length < 16) throw new ConfigError('PARLEY_API_KEYS', 'every key must be at least 16 characters long');
  }
  let jwtSecret = env.PARLEY_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('PARLEY_JWT_SECRET', 'must be at least 32 bytes long for HS256');
  }
  const generateCredentials = !jwtSecret && !jwksUrl && apiKeys.length === 0;
  const jwtClaims = jwtClaimChecks(env, { verifiesTokens: Boolean(jwtSecret || jwksUrl || generateCredentials), demo: demo.enabled });
  if (generateCredentials && databaseUrl) {
    throw new ConfigError('PARLEY_API_KEYS', 'set PARLEY_API_KEYS and PARLEY_JWT_SECRET (or PARLEY_JWKS_URL): with DATABASE_URL nothing is generated');
  }
  let encryptionKey = env.PARLEY_ENCRYPTION_KEY?.trim();
  if (!encryptionKey && databaseUrl) {
    throw new ConfigError('PARLEY_ENCRYPTION_KEY', 'is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)');
  }
  const attachmentTypes = list(env, 'PARLEY_ATTACHMENT_TYPES');
  const port = int(env, 'PORT', 3000, 0, 65535);
  const settings = {
    port,
    publicUrl: (url(env, 'PARLEY_PUBLIC_URL', ['https:', 'http:']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    // The demo hands out operator sessions to whoever reaches it: this machine only unless HOST says otherwise.
    host: env.HOST || (demo.enabled ? '127.0.0.1' : '0.0.0.0'),
    dataDir,
    databaseUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    jwksUrl,
    ...jwtClaims,
    logLevel: logLevel(env),
    bodyLimit: int(env, 'PARLEY_BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    attachmentMaxBytes: int(env, 'PARLEY_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    attachmentTypes: attachmentTypes.length
      ? attachmentTypes
      : ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
    media: loadMediaSettings(env),
    editWindowSeconds: int(env, 'PARLEY_EDIT_WINDOW_SECONDS', 15 * 60, 0, 365 * 24 * 3600),
    sendRateLimit: int(env, 'PARLEY_SEND_RATE_LIMIT', 30, 1, 1_000_000),
    sendRateWindowSeconds: int(env, 'PARLEY_SEND_RATE_WINDOW_SECONDS', 10, 1, 86_400),
    typingThrottleMs: int(env, 'PARLEY_TYPING_THROTTLE_MS', 2_000, 0, 60_000),
    databasePoolSize: int(env, 'PARLEY_DATABASE_POOL_SIZE', 10, 1, 500),
    databaseWaitMs: int(env, 'PARLEY_DATABASE_WAIT_MS', 3_000, 100, 60_000),
    redisTimeoutMs: int(env, 'PARLEY_REDIS_TIMEOUT_MS', 250, 10, 10_000),
    redisPrefix: redisPrefix(env),
    corsOrigins: corsOrigins(env),
    checkResponses: onOff(env, 'PARLEY_CHECK_RESPONSES'),
    notifications: loadNotificationSettings(env),
    marketplace: loadMarketplaceSettings(env),
    kpis: loadKpiSettings(env),
    emailReplies: loadEmailReplySettings(env, env.HOST || (demo.enabled ? '127.0.0.1' : '0.0.0.0')),
    webhooks: loadWebhookSettings(env),
    campaigns: loadCampaignSettings(env),
    tiers: loadTierSettings(env),
    demo,
  };
  if (demo.enabled && !jwtSecret && !generateCredentials) {
    throw new ConfigError('PARLEY_JWT_SECRET', 'demo mode signs its users\' sessions with PARLEY_JWT_SECRET: set it, or leave PARLEY_JWT_SECRET, PARLEY_JWKS_URL and PARLEY_API_KEYS unset to have one generated');
  }
  // In demo mode disputes go to the demo moderator, unless PARLEY_MODERATORS names others.
  if (demo.enabled && settings.marketplace.moderators.length === 0) settings.marketplace.moderators = [DEMO_MODERATOR_ID];
  // In demo mode the demo seller's webhook endpoint is Parley's own receiver (/demo/crm-receiver, at
  // PARLEY_PUBLIC_URL): its host may be a loopback or private address all the same.
  if (demo.enabled) {
    const own = new URL(settings.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
    if (!settings.webhooks.allowHosts.includes(own)) settings.webhooks.allowHosts = [...settings.webhooks.allowHosts, own];
  }

  // Everything is valid: only now may the embedded default write its generated secrets.
  let credentialsFile: string | undefined;
  if (generateCredentials) {
    ({ apiKey: apiKeys[0], jwtSecret } = embeddedCredentials(dataDir));
    credentialsFile = join(dataDir, 'credentials.env');
  }
  encryptionKey ||= embeddedEncryptionKey(dataDir);
  return { ...settings, apiKeys, jwtSecret, encryptionKey, credentialsFile };
}


/** `--demo` or PARLEY_DEMO=1; refused on a PostgreSQL database unless PARLEY_DEMO_FORCE=1. */
function demoMode(env: Env, argv: readonly string[], databaseUrl: string | undefined): Config['demo'] {
  const enabled = onOff(env, 'PARLEY_DEMO') || argv.includes('--demo');
  if (enabled && databaseUrl && !onOff(env, 'PARLEY_DEMO_FORCE')) {
    throw new ConfigError(
      'PARLEY_DEMO',
      'demo mode would write its demo users, orders and messages into the database at DATABASE_URL; unset DATABASE_URL to run the demo on the embedded database in ./data/demo, or set PARLEY_DEMO_FORCE=1 to write the demo data into that database anyway',
    );
  }
  return { enabled };
}

/**
 * PARLEY_JWT_ISSUER, PARLEY_JWT_AUDIENCE and PARLEY_JWT_CLOCK_SKEW_SECONDS: what a user token's
 * claims must say besides its signature. Issuer and audience are enforced only when set.
 */
function jwtClaimChecks(env: Env, { verifiesTokens, demo }: { verifiesTokens: boolean; demo: boolean }): Pick<Config, 'jwtIssuer' | 'jwtAudience' | 'jwtClockSkewSeconds'> {
  const jwtIssuer = env.PARLEY_JWT_ISSUER?.trim() || undefined;
  const audience = list(env, 'PARLEY_JWT_AUDIENCE');
  const jwtAudience = audience.length ? audience : undefined;
  for (const [variable, values] of [['PARLEY_JWT_ISSUER', jwtIssuer ? [jwtIssuer] : []], ['PARLEY_JWT_AUDIENCE', audience]] as const) {
    for (const value of values) {
      if (value.length > 512 || /[\s\u0000-\u001f\u007f]/.test(value)) {
        throw new ConfigError(variable, `"${value.slice(0, 40)}" is not a usable claim value: use a URL or name of at most 512 characters without spaces or control characters, such as https://shop.example.com`);
      }
    }
  }
  if ((jwtIssuer || jwtAudience) && !verifiesTokens) {
    throw new ConfigError(jwtIssuer ? 'PARLEY_JWT_ISSUER' : 'PARLEY_JWT_AUDIENCE', 'only applies to user tokens, and none are accepted: set PARLEY_JWT_SECRET or PARLEY_JWKS_URL too, or unset it');
  }
  if ((jwtIssuer || jwtAudience) && demo) {
    throw new ConfigError(jwtIssuer ? 'PARLEY_JWT_ISSUER' : 'PARLEY_JWT_AUDIENCE', 'demo mode signs its own users\' tokens without an issuer or audience: unset it to run the demo');
  }
  return { jwtIssuer, jwtAudience, jwtClockSkewSeconds: int(env, 'PARLEY_JWT_CLOCK_SKEW_SECONDS', 30, 0, 600) };
}

/** PARLEY_CORS_ORIGINS: comma-separated origins such as https://shop.example.com, each checked. */
function corsOrigins(env: Env): string[] {
  return list(env, 'PARLEY_CORS_ORIGINS').map((raw) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      // reported below
    }
    const originOnly = parsed && parsed.pathname === '/' && !/[?#@]/.test(raw) && /^https?:\/\/[^/]+\/?$/i.test(raw);
    if (!parsed || !/^https?:$/.test(parsed.protocol) || !originOnly) {
      throw new ConfigError('PARLEY_CORS_ORIGINS', `"${raw}" is not an origin: give scheme, host and port only, such as https://shop.example.com`);
    }
    return parsed.origin;
  });
}

function redisPrefix(env: Env): string {
  const prefix = env.PARLEY_REDIS_PREFIX || 'parley';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) throw new ConfigError('PARLEY_REDIS_PREFIX', 'may only use letters, digits, _ . and - (at most 64)');
  return prefix;
}

function logLevel(env: Env): string {
  const level = env.LOG_LEVEL || 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(level)) throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);
  return level;
}

/**
 * The embedded default with no credentials configured: an API key and a JWT secret are
 * generated once into `<data dir>/credentials.env`, so a fresh install can be used at once.
 */
function embeddedCredentials(dataDir: string): { apiKey: string; jwtSecret: string } {
  const file = join(dataDir, 'credentials.env');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const body = `PARLEY_API_KEYS=${randomBytes(24).toString('base64url')}\nPARLEY_JWT_SECRET=${randomBytes(32).toString('base64url')}\n`;
    writeOnce(file, body);
  }
  const values = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
  );
  if (!values.PARLEY_API_KEYS || !values.PARLEY_JWT_SECRET) throw new ConfigError('PARLEY_API_KEYS', `${file} is incomplete; delete it to have it generated again`);
  return { apiKey: values.PARLEY_API_KEYS, jwtSecret: values.PARLEY_JWT_SECRET };
}

function embeddedEncryptionKey(dataDir: string): string {
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  writeOnce(file, `k1:${randomBytes(32).toString('base64')}\n`);
  return readFileSync(file, 'utf8').trim();
}

/** Creates a secret file unless it exists; a concurrent start that wrote it first wins. */
function writeOnce(file: string, body: string): void {
  try {
    writeFileSync(file, body, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
