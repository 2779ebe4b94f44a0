import type { Logger } from 'pino';
import type { PushInteraction } from '../push-actions/push-action-links.ts';
/**
 * The contract every provider adapter keeps: one `send()` per message and one error
 * classification. An adapter never retries or fails over by itself; the dispatcher does.
 */

export type ExternalChannel = 'email' | 'sms' | 'push' | 'webhook' | 'whatsapp';
export type Platform = 'android' | 'ios' | 'web';

export interface EmailMessage {
  /** Stable for the delivery across retries: the idempotency key where a provider takes one. */
  deliveryId: string;
  requestId: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  /** Passed through to the provider as custom arguments and echoed back in its events. */
  tags: Record<string, string>;
  /**
   * Extra header fields the message carries (List-Unsubscribe and List-Unsubscribe-Post on
   * promotional mail), by their canonical name. Each adapter puts them where its API takes headers.
   */
  headers?: Record<string, string>;
  /** The Reply-To address (a per-recipient reply address, for reply by email). */
  replyTo?: string;
}

/** The domain of a sender ("Shop <news@shop.example>" → shop.example), for Message-IDs and DKIM. */
export function senderDomain(from: string): string {
  const address = /<([^>]*)>\s*$/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  return (at >= 0 ? address.slice(at + 1) : address).trim().toLowerCase() || 'parley.invalid';
}

/** A Message-ID on the sending domain: `<delivery id@domain>`, the same on every retry of a delivery. */
export function messageIdFor(deliveryId: string, from: string): string {
  return `<${deliveryId}@${senderDomain(from)}>`;
}

export interface SmsMessage {
  deliveryId: string;
  requestId: string;
  /** E.164, e.g. +14155550100. */
  to: string;
  text: string;
}

export interface PushDevice {
  deviceId: string;
  /** FCM registration token, APNs device token (hex), or a Web Push subscription as JSON. */
  token: string;
  platform: Platform;
}

export interface PushMessage {
  deliveryId: string;
  requestId: string;
  device: PushDevice;
  title: string;
  body: string;
  icon?: string;
  imageUrl?: string;
  action?: { type: string; url?: string };
  /** Action buttons (interactive push): the category the app registered, its buttons, and where their actions post. */
  interactive?: PushInteraction;
  priority: 'low' | 'medium' | 'high';
  /** Seconds the push service may hold the message for an offline device. */
  ttlSeconds: number;
}

export interface WebhookMessage {
  deliveryId: string;
  requestId: string;
  /** Serialised as the request body. */
  payload: Record<string, unknown>;
}

/** A WhatsApp message template approved in WhatsApp Manager, with the values of its body's {{1}}, {{2}}, ... */
export interface WhatsAppTemplate {
  name: string;
  /** The template's language code, e.g. en_US. */
  language: string;
  parameters?: string[];
}

/** One WhatsApp message: free text (inside the 24-hour customer-service window) or a template. */
export interface WhatsAppMessage {
  deliveryId: string;
  requestId: string;
  /** E.164, e.g. +14155550100. */
  to: string;
  text?: string;
  template?: WhatsAppTemplate;
}

export interface MessageFor {
  email: EmailMessage;
  sms: SmsMessage;
  push: PushMessage;
  webhook: WebhookMessage;
  whatsapp: WhatsAppMessage;
}

export interface SendResult {
  /** The provider's id for the message (SendGrid X-Message-Id, Twilio SID, FCM name, apns-id, ...). */
  externalId?: string;
}

export type FailureKind = 'retryable' | 'permanent';

/** A classified failure. Anything else an adapter throws is treated as retryable. */
export class ProviderError extends Error {
  readonly kind: FailureKind;
  /** Short machine-readable reason: 'rate_limited', 'server_error', 'invalid_address', 'unauthorized', 'timeout', ... */
  readonly code: string;
  readonly status?: number;
  /** From a Retry-After header (or the provider's equivalent), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The provider says the device token or subscription is no longer valid: the dispatcher removes it. */
  readonly invalidToken: boolean;
  /**
   * The push service says the token is unregistered (the app was removed, or the token expired),
   * and since when: APNs's `timestamp` with a 410, the time of the answer for FCM's UNREGISTERED.
   * Sends to the token stop until the app registers it again after that time.
   */
  readonly unregisteredAt?: Date;

  constructor(
    kind: FailureKind,
    code: string,
    message: string,
    options: { status?: number; retryAfterMs?: number; invalidToken?: boolean; unregisteredAt?: Date } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
    this.kind = kind;
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.invalidToken = options.invalidToken ?? false;
    this.unregisteredAt = options.unregisteredAt;
  }
}

export interface Provider<C extends ExternalChannel = ExternalChannel> {
  readonly channel: C;
  /** The adapter type: 'sendgrid', 'twilio', 'fcm', 'console', ... */
  readonly type: string;
  /** Unique within the channel's list; names the provider in metrics, logs and delivery history. */
  readonly name: string;
  /** For push: the device platforms this provider can reach. */
  readonly platforms?: readonly Platform[];
  /**
   * Where it sends (its API's URL, or smtp://host:port): `parley doctor` checks that this host
   * answers. Absent when the address varies per message (Web Push) or there is none (console).
   */
  readonly endpoint?: string;
  send(message: MessageFor[C]): Promise<SendResult>;
  close?(): Promise<void>;
}

/** What a provider's status callback says about one delivery, normalised across providers. */
export interface ProviderEvent {
  /** Parley's delivery id, carried through the provider as a custom argument or callback parameter. */
  deliveryId?: string;
  externalId?: string;
  status: 'delivered' | 'bounced' | 'failed' | 'opened' | 'clicked' | 'complained' | 'unsubscribed' | 'deferred' | 'sent';
  at: Date;
  /** For bounces: a hard (permanent) bounce opts the address out. */
  hard?: boolean;
  reason?: string;
  /** For clicks. */
  url?: string;
  /** The address the event is about (email or phone), when the provider names it. */
  address?: string;
}

/** What an adapter is given when it is built: its name in the configuration, and a logger. */
export interface ProviderContext {
  name: string;
  log: Logger;
}
