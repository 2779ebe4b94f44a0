import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, type Env, int } from '../env.ts';

/** Reply by email (README "Reply by email"): off unless PARLEY_REPLY_DOMAIN is set. */
export interface EmailReplySettings {
  /** The domain of reply addresses, reply+<token>@domain (PARLEY_REPLY_DOMAIN); undefined: no reply-to, nothing accepted. */
  domain?: string;
  /** Days a reply address keeps working after the last email that carried it (PARLEY_REPLY_ADDRESS_DAYS). */
  addressDays: number;
  /** The largest inbound email taken, in bytes, over SMTP and from the webhooks (PARLEY_REPLY_MAX_BYTES). */
  maxBytes: number;
  /** Parley's own SMTP listener: only when PARLEY_REPLY_SMTP_PORT is set. */
  smtp?: { port: number; host: string; tls?: { key: Buffer; cert: Buffer } };
  /** SendGrid Inbound Parse: the basic-auth credentials of its URL, "user:password" (PARLEY_REPLY_SENDGRID_AUTH). */
  sendgridAuth?: string;
  /** Mailgun routes: the HTTP webhook signing key (PARLEY_REPLY_MAILGUN_SIGNING_KEY). */
  mailgunSigningKey?: string;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;

export function loadEmailReplySettings(env: Env, defaultHost: string): EmailReplySettings {
  const domain = env.PARLEY_REPLY_DOMAIN?.trim().toLowerCase() || undefined;
  if (domain !== undefined && !HOST_NAME.test(domain)) {
    throw new ConfigError('PARLEY_REPLY_DOMAIN', `"${domain}" is not a domain name such as reply.shop.example`);
  }
  const settings: EmailReplySettings = {
    domain,
    addressDays: int(env, 'PARLEY_REPLY_ADDRESS_DAYS', 90, 1, 3650),
    maxBytes: int(env, 'PARLEY_REPLY_MAX_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
  };
  const needsDomain = ['PARLEY_REPLY_SMTP_PORT', 'PARLEY_REPLY_SENDGRID_AUTH', 'PARLEY_REPLY_MAILGUN_SIGNING_KEY'].find((name) => env[name]?.trim());
  if (needsDomain && !domain) throw new ConfigError(needsDomain, 'receives replies to reply addresses: set PARLEY_REPLY_DOMAIN too');
  if (env.PARLEY_REPLY_SMTP_PORT?.trim()) {
    settings.smtp = { port: int(env, 'PARLEY_REPLY_SMTP_PORT', 0, 0, 65535), host: env.PARLEY_REPLY_SMTP_HOST?.trim() || defaultHost, tls: tlsFiles(env) };
  }
  const auth = env.PARLEY_REPLY_SENDGRID_AUTH?.trim();
  if (auth) {
    const colon = auth.indexOf(':');
    if (colon < 1 || auth.length - colon - 1 < 16) {
      throw new ConfigError('PARLEY_REPLY_SENDGRID_AUTH', 'give user:password with a password of at least 16 characters (openssl rand -hex 16), and put the same in the Inbound Parse URL');
    }
    settings.sendgridAuth = auth;
  }
  const key = env.PARLEY_REPLY_MAILGUN_SIGNING_KEY?.trim();
  if (key) settings.mailgunSigningKey = key;
  return settings;
}

/** STARTTLS on the listener: PARLEY_REPLY_SMTP_TLS_KEY and PARLEY_REPLY_SMTP_TLS_CERT (PEM files), both or neither. */
function tlsFiles(env: Env): { key: Buffer; cert: Buffer } | undefined {
  const keyFile = env.PARLEY_REPLY_SMTP_TLS_KEY?.trim();
  const certFile = env.PARLEY_REPLY_SMTP_TLS_CERT?.trim();
  if (!keyFile && !certFile) return undefined;
  if (!keyFile || !certFile) throw new ConfigError(keyFile ? 'PARLEY_REPLY_SMTP_TLS_CERT' : 'PARLEY_REPLY_SMTP_TLS_KEY', 'STARTTLS needs both the key and the certificate file');
  for (const [name, file] of [['PARLEY_REPLY_SMTP_TLS_KEY', keyFile], ['PARLEY_REPLY_SMTP_TLS_CERT', certFile]] as const) {
    if (!existsSync(file)) throw new ConfigError(name, `there is no file ${file}`);
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}
