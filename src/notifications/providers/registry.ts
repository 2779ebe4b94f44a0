import type { Logger } from 'pino';
import { type Static, type TObject, Type } from '@sinclair/typebox';
import { ApnsOptions, apnsProvider } from './apns.ts';
import { consoleProvider } from './console.ts';
import { FcmOptions, fcmProvider } from './fcm.ts';
import { MailgunOptions, mailgunProvider } from './mailgun.ts';
import { SendGridOptions, sendGridProvider } from './sendgrid.ts';
import { SesOptions, sesProvider } from './ses.ts';
import { SmtpOptions, smtpProvider } from './smtp.ts';
import { TwilioOptions, twilioProvider } from './twilio.ts';
import type { ExternalChannel, Provider, ProviderContext } from './types.ts';
import { VonageOptions, vonageProvider } from './vonage.ts';
import { WebhookOptions, webhookProvider } from './webhook.ts';
import { WebPushOptions, webPushProvider } from './webpush.ts';
import { WhatsAppOptions, whatsAppProvider } from './whatsapp.ts';

interface Adapter<C extends ExternalChannel, S extends TObject> {
  channel: C;
  options: S;
  create(options: Static<S>, context: ProviderContext): Provider<C>;
}

function adapter<C extends ExternalChannel, S extends TObject>(channel: C, options: S, create: (options: Static<S>, context: ProviderContext) => Provider<C>): Adapter<C, S> {
  return { channel, options, create };
}

/** Every adapter type, by the `type` an operator writes in PARLEY_PROVIDERS. */
export const adapters = {
  smtp: adapter('email', SmtpOptions, smtpProvider),
  sendgrid: adapter('email', SendGridOptions, sendGridProvider),
  ses: adapter('email', SesOptions, sesProvider),
  mailgun: adapter('email', MailgunOptions, mailgunProvider),
  twilio: adapter('sms', TwilioOptions, twilioProvider),
  vonage: adapter('sms', VonageOptions, vonageProvider),
  fcm: adapter('push', FcmOptions, fcmProvider),
  apns: adapter('push', ApnsOptions, apnsProvider),
  webpush: adapter('push', WebPushOptions, webPushProvider),
  webhook: adapter('webhook', WebhookOptions, webhookProvider),
  whatsapp: adapter('whatsapp', WhatsAppOptions, whatsAppProvider),
} as const;

export type AdapterType = keyof typeof adapters | 'console';

/** One entry of a channel's list: `type`, an optional `name`, and the adapter's own options. */
export interface ProviderEntry {
  type: AdapterType;
  name?: string;
  [option: string]: unknown;
}

export type ProvidersConfig = Partial<Record<ExternalChannel, ProviderEntry[]>>;

export const EXTERNAL_CHANNELS: readonly ExternalChannel[] = ['email', 'sms', 'push', 'webhook', 'whatsapp'];

export type ProviderLists = { [C in ExternalChannel]: Provider<C>[] };

/**
 * Builds each channel's ordered provider list (the failover order). A channel with no entry
 * gets the console provider, so the embedded default sends nothing anywhere.
 * Options are validated by the caller (config.ts) with `providerEntrySchema`.
 */
export function createProviders(config: ProvidersConfig, log: Logger): ProviderLists {
  const lists = {} as Record<ExternalChannel, Provider[]>;
  for (const channel of EXTERNAL_CHANNELS) {
    const entries = config[channel];
    if (!entries || entries.length === 0) {
      lists[channel] = [consoleProvider(channel, 'console', log)];
      continue;
    }
    lists[channel] = entries.map((entry) => {
      const name = entry.name ?? entry.type;
      if (entry.type === 'console') return consoleProvider(channel, name, log);
      const { type, name: _name, ...options } = entry;
      const a = adapters[type] as Adapter<ExternalChannel, TObject>;
      return a.create(options as never, { name, log: log.child({ provider: name }) });
    });
  }
  return lists as ProviderLists;
}

/** The JSON schema an entry of `channel` must satisfy, for one adapter type. */
export function providerEntrySchema(type: AdapterType): TObject {
  const base = { type: Type.String(), name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })) };
  if (type === 'console') return Type.Object(base, { additionalProperties: false });
  return Type.Object({ ...base, ...adapters[type].options.properties }, { additionalProperties: false });
}

export function adapterChannel(type: AdapterType): ExternalChannel | 'any' {
  return type === 'console' ? 'any' : adapters[type].channel;
}
