import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderEvent } from '../providers/types.ts';

/**
 * The WhatsApp Business Cloud API webhook: the X-Hub-Signature-256 check and the reading of its
 * `messages` field, which carries message statuses (sent, delivered, read, failed) and the
 * messages customers send (each opens that number's 24-hour customer-service window).
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 */

/** `sha256=<hex>`: an HMAC-SHA256 of the raw body keyed with the app secret, compared in constant time. */
export function verifyWhatsAppSignature(appSecret: string, raw: Buffer, header: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A message a customer sent: who (E.164), when, and its text when it is a text message. */
export interface InboundWhatsApp {
  address: string;
  at: Date;
  text?: string;
}

export interface WhatsAppNotification {
  events: ProviderEvent[];
  inbound: InboundWhatsApp[];
}

const STATUS: Record<string, ProviderEvent['status']> = { sent: 'sent', delivered: 'delivered', read: 'opened', failed: 'failed' };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A Unix time in seconds, as the Cloud API writes it (a string). */
function timeOf(value: unknown): Date {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/** A wa_id (the number's digits) as E.164, or undefined when it is not a phone number. */
export function addressOf(waId: unknown): string | undefined {
  const digits = typeof waId === 'string' ? waId.replace(/^\+/, '') : '';
  return /^[1-9][0-9]{6,14}$/.test(digits) ? `+${digits}` : undefined;
}

/**
 * The statuses and inbound messages of one webhook body; fields other than `messages` (template
 * status, quality updates) are left alone. Throws on a body that is not a WhatsApp webhook.
 */
export function parseWhatsAppWebhook(body: unknown): WhatsAppNotification {
  if (!isObject(body) || body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) {
    throw new Error('The body is not a WhatsApp Business Account webhook: it needs object "whatsapp_business_account" and an entry list.');
  }
  const events: ProviderEvent[] = [];
  const inbound: InboundWhatsApp[] = [];
  for (const entry of body.entry) {
    for (const change of list(isObject(entry) ? entry.changes : undefined)) {
      if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
      for (const s of list(change.value.statuses)) {
        if (!isObject(s) || typeof s.id !== 'string') continue;
        const status = STATUS[String(s.status)];
        if (!status) continue;
        const errors = list(s.errors).filter(isObject);
        const reason = errors.length
          ? errors.map((e) => `${e.code ?? ''} ${e.title ?? e.message ?? ''}${isObject(e.error_data) && e.error_data.details ? `: ${String(e.error_data.details)}` : ''}`.trim()).join('; ')
          : undefined;
        events.push({ externalId: s.id, status, at: timeOf(s.timestamp), reason, address: addressOf(s.recipient_id) });
      }
      for (const m of list(change.value.messages)) {
        if (!isObject(m)) continue;
        const address = addressOf(m.from);
        if (!address) continue;
        const text = m.type === 'text' && isObject(m.text) && typeof m.text.body === 'string' ? m.text.body : m.type === 'button' && isObject(m.button) ? String(m.button.text ?? '') : undefined;
        inbound.push({ address, at: timeOf(m.timestamp), ...(text !== undefined && { text }) });
      }
    }
  }
  return { events, inbound };
}
