import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ConfigError } from './env.ts';

const apiKey = 'test-api-key-0123456789';
const encryptionKey = `k1:${randomBytes(32).toString('base64')}`;
/** Enough configuration that loading never generates anything on disk. */
const base = { PARLEY_API_KEYS: apiKey, PARLEY_ENCRYPTION_KEY: encryptionKey };

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-config-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected loadConfig to fail for ${JSON.stringify(env)}`);
}

function expectRejected(env: Record<string, string | undefined>, variable: string): ConfigError {
  const error = configError(env);
  expect(error.variable).toBe(variable);
  expect(error.message).toContain(variable);
  return error;
}

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      redisUrl: undefined,
      apiKeys: [apiKey],
      jwtSecret: undefined,
      jwksUrl: undefined,
      encryptionKey,
      logLevel: 'info',
      bodyLimit: 256 * 1024,
      attachmentMaxBytes: 10 * 1024 * 1024,
      editWindowSeconds: 15 * 60,
      sendRateLimit: 30,
      sendRateWindowSeconds: 10,
      typingThrottleMs: 2_000,
      databasePoolSize: 10,
      redisPrefix: 'parley',
      credentialsFile: undefined,
    });
    expect(config.attachmentTypes).toContain('image/png');
    expect(config.attachmentTypes).toContain('application/pdf');
    expect(config.media.video).toEqual({ types: ['video/mp4', 'video/webm'], maxBytes: 50 * 1024 * 1024, maxSeconds: 120 });
    expect(config.media.voice.maxSeconds).toBe(300);
    expect(config.media.malwareScan).toBeUndefined();
  });

  it('reads every variable it is given', () => {
    const dataDir = tempDir();
    const config = loadConfig({
      ...base,
      PORT: '8080',
      PARLEY_DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://parley:secret@localhost:5432/parley',
      REDIS_URL: 'redis://localhost:6379',
      PARLEY_API_KEYS: ` ${apiKey} , second-key-0123456789 ,`,
      PARLEY_JWT_SECRET: 'x'.repeat(32),
      PARLEY_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      LOG_LEVEL: 'debug',
      PARLEY_REDIS_PREFIX: 'parley-staging.v2',
      PARLEY_ATTACHMENT_TYPES: 'image/*, application/pdf',
      PARLEY_SEND_RATE_LIMIT: '5',
      PARLEY_VOICE_MAX_SECONDS: '90',
      PARLEY_CLAMD_URL: 'unix:/var/run/clamav/clamd.ctl',
    });
    expect(config.media.voice.maxSeconds).toBe(90);
    expect(config.media.malwareScan).toEqual({ address: { path: '/var/run/clamav/clamd.ctl' }, timeoutMs: 30_000 });
    expect(config).toMatchObject({
      port: 8080,
      dataDir,
      databaseUrl: 'postgres://parley:secret@localhost:5432/parley',
      redisUrl: 'redis://localhost:6379',
      apiKeys: [apiKey, 'second-key-0123456789'],
      jwtSecret: 'x'.repeat(32),
      jwksUrl: 'https://id.example.com/.well-known/jwks.json',
      logLevel: 'debug',
      redisPrefix: 'parley-staging.v2',
      attachmentTypes: ['image/*', 'application/pdf'],
      sendRateLimit: 5,
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PARLEY_JWT_SECRET', 'too-short'],
    ['PARLEY_API_KEYS', `${apiKey},short`],
    ['PARLEY_JWKS_URL', 'ftp://x'],
    ['LOG_LEVEL', 'loud'],
    ['PARLEY_REDIS_PREFIX', 'has spaces in it'],
    ['PARLEY_REDIS_PREFIX', 'x'.repeat(65)],
    ['PARLEY_SEND_RATE_LIMIT', '0'],
    ['PARLEY_BODY_LIMIT_BYTES', 'lots'],
  ])('stops on %s=%j with an error naming the variable', (variable, value) => {
    expectRejected({ ...base, PARLEY_DATA_DIR: tempDir(), [variable]: value }, variable);
  });

  it('requires PARLEY_ENCRYPTION_KEY with DATABASE_URL', () => {
    const dataDir = tempDir();
    const error = expectRejected(
      { PARLEY_API_KEYS: apiKey, DATABASE_URL: 'postgres://localhost/parley', PARLEY_DATA_DIR: dataDir },
      'PARLEY_ENCRYPTION_KEY',
    );
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('requires credentials with DATABASE_URL and generates none', () => {
    const dataDir = tempDir();
    const error = configError({ DATABASE_URL: 'postgres://localhost/parley', PARLEY_ENCRYPTION_KEY: encryptionKey, PARLEY_DATA_DIR: dataDir });
    expect(error.variable).toBe('PARLEY_API_KEYS');
    expect(error.message).toMatch(/PARLEY_JWT_SECRET/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('accepts a JWT secret alone, without generating an API key', () => {
    const dataDir = tempDir();
    const config = loadConfig({ PARLEY_JWT_SECRET: 's'.repeat(32), PARLEY_ENCRYPTION_KEY: encryptionKey, PARLEY_DATA_DIR: dataDir });
    expect(config.apiKeys).toEqual([]);
    expect(config.credentialsFile).toBeUndefined();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  describe('embedded default with nothing configured', () => {
    const dataDir = join(tempDir(), 'nested', 'data');

    it('generates an encryption key and credentials into the data dir, readable by the owner only', () => {
      const config = loadConfig({ PARLEY_DATA_DIR: dataDir });
      const keyFile = join(dataDir, 'encryption.key');
      const credentialsFile = join(dataDir, 'credentials.env');
      expect(existsSync(keyFile)).toBe(true);
      expect(existsSync(credentialsFile)).toBe(true);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);

      expect(config.credentialsFile).toBe(credentialsFile);
      expect(config.encryptionKey).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(config.encryptionKey.slice(3), 'base64')).toHaveLength(32);
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(config.encryptionKey);

      expect(config.apiKeys).toHaveLength(1);
      expect(config.apiKeys[0]!.length).toBeGreaterThanOrEqual(16);
      expect(Buffer.byteLength(config.jwtSecret!)).toBeGreaterThanOrEqual(32);
      const credentials = readFileSync(credentialsFile, 'utf8');
      expect(credentials).toContain(`PARLEY_API_KEYS=${config.apiKeys[0]}\n`);
      expect(credentials).toContain(`PARLEY_JWT_SECRET=${config.jwtSecret}\n`);
    });

    it('reuses the generated values on the next start', () => {
      const first = loadConfig({ PARLEY_DATA_DIR: dataDir });
      const second = loadConfig({ PARLEY_DATA_DIR: dataDir });
      expect(second.encryptionKey).toBe(first.encryptionKey);
      expect(second.apiKeys).toEqual(first.apiKeys);
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(readdirSync(dataDir).sort()).toEqual(['credentials.env', 'encryption.key']);
    });

    it('prefers a configured PARLEY_ENCRYPTION_KEY over the generated one', () => {
      const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_ENCRYPTION_KEY: encryptionKey });
      expect(config.encryptionKey).toBe(encryptionKey);
    });
  });
});

describe('notification settings', () => {
  it('defaults to both roles, the console provider everywhere, and the documented routing', () => {
    const { notifications } = loadConfig(base);
    expect(notifications.roles).toEqual({ api: true, worker: true });
    expect(notifications.providers).toEqual({});
    expect(notifications.routing.promotional).toEqual({ strategy: 'all', fallbackAfterSeconds: 60, quietHours: 'respect', priority: 'low' });
    expect(notifications.routing.systemAlert.quietHours).toBe('bypass');
    expect(notifications.worker).toMatchObject({ batchSize: 500, leaseSeconds: 60, breakerThreshold: 5, breakerCooldownMs: 30_000 });
    // Back-pressure: a generous row limit on, the limit in seconds of work off.
    expect(notifications.backlog).toMatchObject({ maxRows: 1_000_000, maxSeconds: 0 });
  });

  it('reads providers inline or from a file, and routing per type', () => {
    const dir = tempDir();
    const file = join(dir, 'providers.json');
    const providers = { webhook: [{ type: 'webhook', url: 'https://backend.example/hooks', secret: `whsec_${randomBytes(24).toString('base64')}` }] };
    writeFileSync(file, JSON.stringify(providers));
    const fromFile = loadConfig({ ...base, PARLEY_PROVIDERS: `@${file}`, PARLEY_NOTIFICATION_TYPES: '{"transactional":{"strategy":"fallback","fallbackAfterSeconds":30}}', PARLEY_ROLES: 'worker' });
    expect(fromFile.notifications.providers).toEqual(providers);
    expect(fromFile.notifications.routing.transactional).toMatchObject({ strategy: 'fallback', fallbackAfterSeconds: 30, quietHours: 'bypass' });
    expect(fromFile.notifications.roles).toEqual({ api: false, worker: true });
    expect(loadConfig({ ...base, PARLEY_PROVIDERS: JSON.stringify(providers) }).notifications.providers).toEqual(providers);
  });

  it('stops start-up on a provider list it cannot use, naming what is wrong', () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ fax: [] }, /unknown channel "fax"/],
      [{ email: [{ type: 'twilio' }] }, /twilio is a sms provider, not email/],
      [{ email: [{ type: 'pigeon' }] }, /type must be one of/],
      [{ email: [{ type: 'sendgrid', from: 'a@b.example' }] }, /must have required property 'apiKey'/],
      [{ webhook: [{ type: 'webhook', url: 'https://x.example', secret: 'plain' }] }, /secret/],
      [{ webhook: [{ type: 'webhook', url: 'https://x.example', secret }, { type: 'webhook', url: 'https://y.example', secret }] }, /two webhook providers are named "webhook"/],
      [{ sms: [] }, /non-empty list/],
    ];
    for (const [value, message] of cases) {
      const error = expectRejected({ ...base, PARLEY_PROVIDERS: typeof value === 'string' ? value : JSON.stringify(value) }, 'PARLEY_PROVIDERS');
      expect(error.message).toMatch(message);
    }
    expect(expectRejected({ ...base, PARLEY_PROVIDERS: '@/no/such/file.json' }, 'PARLEY_PROVIDERS').message).toMatch(/cannot read/);
  });

  it('refuses unknown roles, types and routing values', () => {
    expectRejected({ ...base, PARLEY_ROLES: 'api,scheduler' }, 'PARLEY_ROLES');
    expectRejected({ ...base, PARLEY_NOTIFICATION_TYPES: '{"marketing":{}}' }, 'PARLEY_NOTIFICATION_TYPES');
    expectRejected({ ...base, PARLEY_NOTIFICATION_TYPES: '{"promotional":{"strategy":"random"}}' }, 'PARLEY_NOTIFICATION_TYPES');
    expectRejected({ ...base, PARLEY_METRICS_TOKEN: 'short' }, 'PARLEY_METRICS_TOKEN');
    expectRejected({ ...base, PARLEY_DEFAULT_LOCALE: 'english!' }, 'PARLEY_DEFAULT_LOCALE');
    expectRejected({ ...base, PARLEY_WORKER_BATCH: '0' }, 'PARLEY_WORKER_BATCH');
    expectRejected({ ...base, PARLEY_QUEUE_MAX_SECONDS: '-1' }, 'PARLEY_QUEUE_MAX_SECONDS');
    expectRejected({ ...base, PARLEY_QUEUE_MAX_ROWS: 'many' }, 'PARLEY_QUEUE_MAX_ROWS');
  });

  it('signs SMTP mail with DKIM by default when PARLEY_DKIM_PRIVATE_KEY is set, unless a provider names its own key or false', () => {
    const dir = tempDir();
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeFileSync(join(dir, 'dkim.pem'), pem);
    const smtp = { type: 'smtp', host: 'relay.shop.example', port: 587, from: 'Shop <news@shop.example>' };
    const providers = { email: [{ ...smtp, name: 'a' }, { ...smtp, name: 'b', dkim: false }, { ...smtp, name: 'c', dkim: { privateKey: 'own', keySelector: 's1' } }] };
    const withKey = loadConfig({ ...base, PARLEY_PROVIDERS: JSON.stringify(providers), PARLEY_DKIM_PRIVATE_KEY: `@${join(dir, 'dkim.pem')}`, PARLEY_DKIM_SELECTOR: 's2026' });
    expect(withKey.notifications.providers.email!.map((p) => p.dkim)).toEqual([{ privateKey: pem, keySelector: 's2026' }, false, { privateKey: 'own', keySelector: 's1' }]);
    // An inline key may be written on one line with \n for its line breaks.
    const inline = loadConfig({ ...base, PARLEY_PROVIDERS: JSON.stringify({ email: [smtp] }), PARLEY_DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
    expect(inline.notifications.providers.email![0]!.dkim).toEqual({ privateKey: pem });
    expect(loadConfig({ ...base, PARLEY_PROVIDERS: JSON.stringify({ email: [smtp] }) }).notifications.providers.email![0]!.dkim).toBeUndefined();
    expectRejected({ ...base, PARLEY_DKIM_PRIVATE_KEY: 'not a key' }, 'PARLEY_DKIM_PRIVATE_KEY');
    expectRejected({ ...base, PARLEY_DKIM_SELECTOR: 's1' }, 'PARLEY_DKIM_PRIVATE_KEY');
    expectRejected({ ...base, PARLEY_DKIM_PRIVATE_KEY: pem, PARLEY_DKIM_DOMAIN: 'not a domain' }, 'PARLEY_DKIM_DOMAIN');
  });

  it('reads the List-Unsubscribe settings: mailto off and promotional mail only by default', () => {
    expect(loadConfig(base).notifications.unsubscribe).toEqual({ mailto: undefined, transactional: false });
    expect(loadConfig({ ...base, PARLEY_UNSUBSCRIBE_MAILTO: 'unsubscribe@shop.example', PARLEY_UNSUBSCRIBE_TRANSACTIONAL: '1' }).notifications.unsubscribe).toEqual({
      mailto: 'unsubscribe@shop.example',
      transactional: true,
    });
    expectRejected({ ...base, PARLEY_UNSUBSCRIBE_MAILTO: 'mailto:unsubscribe@shop.example, x@y.example' }, 'PARLEY_UNSUBSCRIBE_MAILTO');
    expectRejected({ ...base, PARLEY_UNSUBSCRIBE_TRANSACTIONAL: 'yes' }, 'PARLEY_UNSUBSCRIBE_TRANSACTIONAL');
  });

  it('reads the back-pressure limits; 0 turns one off', () => {
    const { notifications } = loadConfig({ ...base, PARLEY_QUEUE_MAX_SECONDS: '300', PARLEY_QUEUE_MAX_ROWS: '0' });
    expect(notifications.backlog).toMatchObject({ maxSeconds: 300, maxRows: 0 });
  });
});

describe('user token claims (PARLEY_JWT_ISSUER, PARLEY_JWT_AUDIENCE, PARLEY_JWT_CLOCK_SKEW_SECONDS)', () => {
  const withSecret = { ...base, PARLEY_JWT_SECRET: 's'.repeat(32) };

  it('enforces neither issuer nor audience by default, with 30 s of clock skew', () => {
    expect(loadConfig(withSecret)).toMatchObject({ jwtIssuer: undefined, jwtAudience: undefined, jwtClockSkewSeconds: 30 });
  });

  it('reads the issuer, the audiences and the skew', () => {
    const config = loadConfig({ ...withSecret, PARLEY_JWT_ISSUER: ' https://shop.example.com ', PARLEY_JWT_AUDIENCE: 'parley, parley-staging', PARLEY_JWT_CLOCK_SKEW_SECONDS: '5' });
    expect(config).toMatchObject({ jwtIssuer: 'https://shop.example.com', jwtAudience: ['parley', 'parley-staging'], jwtClockSkewSeconds: 5 });
  });

  it.each([
    ['PARLEY_JWT_CLOCK_SKEW_SECONDS', '-1'],
    ['PARLEY_JWT_CLOCK_SKEW_SECONDS', '601'],
    ['PARLEY_JWT_CLOCK_SKEW_SECONDS', '1.5'],
    ['PARLEY_JWT_ISSUER', 'shop example'],
    ['PARLEY_JWT_ISSUER', 'x'.repeat(513)],
    ['PARLEY_JWT_AUDIENCE', 'parley,bad\u0001value'],
  ])('refuses %s=%j with a sentence naming it', (variable, value) => {
    const error = expectRejected({ ...withSecret, [variable]: value }, variable);
    expect(error.message.length).toBeGreaterThan(variable.length + 20);
  });

  it('refuses an issuer or audience when no user tokens are accepted (API keys only)', () => {
    expect(expectRejected({ ...base, PARLEY_JWT_ISSUER: 'https://shop.example.com' }, 'PARLEY_JWT_ISSUER').message).toMatch(/PARLEY_JWT_SECRET or PARLEY_JWKS_URL/);
    expectRejected({ ...base, PARLEY_JWT_AUDIENCE: 'parley' }, 'PARLEY_JWT_AUDIENCE');
  });

  it('refuses an issuer in demo mode, whose tokens carry none', () => {
    expectRejected({ ...withSecret, PARLEY_DEMO: '1', PARLEY_JWT_ISSUER: 'https://shop.example.com' }, 'PARLEY_JWT_ISSUER');
  });
});

describe('reply by email (PARLEY_REPLY_*)', () => {
  it('is off by default: no domain, no listener, no webhooks', () => {
    expect(loadConfig(base).emailReplies).toEqual({ domain: undefined, addressDays: 90, maxBytes: 5 * 1024 * 1024 });
  });

  it('reads the domain, the listener and the webhook secrets', () => {
    const config = loadConfig({
      ...base,
      PARLEY_REPLY_DOMAIN: 'Reply.Shop.Example',
      PARLEY_REPLY_ADDRESS_DAYS: '30',
      PARLEY_REPLY_MAX_BYTES: '1048576',
      PARLEY_REPLY_SMTP_PORT: '2525',
      PARLEY_REPLY_SENDGRID_AUTH: 'inbound:0123456789abcdef',
      PARLEY_REPLY_MAILGUN_SIGNING_KEY: 'key-0123',
    });
    expect(config.emailReplies).toEqual({
      domain: 'reply.shop.example',
      addressDays: 30,
      maxBytes: 1048576,
      smtp: { port: 2525, host: '0.0.0.0', tls: undefined },
      sendgridAuth: 'inbound:0123456789abcdef',
      mailgunSigningKey: 'key-0123',
    });
    expect(loadConfig({ ...base, HOST: '127.0.0.1', PARLEY_REPLY_DOMAIN: 'reply.shop.example', PARLEY_REPLY_SMTP_PORT: '25', PARLEY_REPLY_SMTP_HOST: '10.0.0.5' }).emailReplies.smtp?.host).toBe('10.0.0.5');
  });

  it.each([
    ['PARLEY_REPLY_DOMAIN', 'not a domain', {}],
    ['PARLEY_REPLY_SMTP_PORT', '2525', {}],
    ['PARLEY_REPLY_SMTP_PORT', '70000', { PARLEY_REPLY_DOMAIN: 'reply.shop.example' }],
    ['PARLEY_REPLY_SENDGRID_AUTH', 'inbound:short', { PARLEY_REPLY_DOMAIN: 'reply.shop.example' }],
    ['PARLEY_REPLY_MAX_BYTES', '10', { PARLEY_REPLY_DOMAIN: 'reply.shop.example' }],
    ['PARLEY_REPLY_SMTP_TLS_CERT', '/nowhere/cert.pem', { PARLEY_REPLY_DOMAIN: 'reply.shop.example', PARLEY_REPLY_SMTP_PORT: '2525', PARLEY_REPLY_SMTP_TLS_KEY: '/nowhere/key.pem' }],
  ])('refuses %s=%j with a sentence naming it', (variable, value, extra) => {
    const error = configError({ ...base, ...extra, [variable]: value });
    expect(error.message.length).toBeGreaterThan(variable.length + 20);
  });
});
