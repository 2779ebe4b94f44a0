import { createPublicKey, verify } from 'node:crypto';
import type { ProviderEvent } from '../providers/types.ts';

/**
 * SendGrid Signed Event Webhook: an ECDSA (P-256, SHA-256) signature over the timestamp header
 * followed by the raw body, sent base64 (DER) in X-Twilio-Email-Event-Webhook-Signature next to
 * X-Twilio-Email-Event-Webhook-Timestamp. The verification key is the base64 SPKI DER that
 * SendGrid shows under Mail Settings. Any malformed input simply does not verify.
 */
export function verifySendGridSignature(publicKeyBase64: string, rawBody: Buffer | string, signatureBase64: string, timestamp: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') return false;
    const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8')]);
    return verify('sha256', payload, { key, dsaEncoding: 'der' }, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

type Status = ProviderEvent['status'];

const STATUS: Record<string, Status> = {
  processed: 'sent',
  delivered: 'delivered',
  bounce: 'bounced',
  dropped: 'failed',
  deferred: 'deferred',
  open: 'opened',
  click: 'clicked',
  spamreport: 'complained',
  unsubscribe: 'unsubscribed',
  group_unsubscribe: 'unsubscribed',
};

/**
 * Normalises an Event Webhook POST (a JSON array of event objects). Entries that are not objects,
 * have an event kind we do not track (group_resubscribe, ...) or lack a usable timestamp are
 * skipped: one odd entry must not make SendGrid retry the whole batch.
 */
export function parseSendGridEvents(body: unknown): ProviderEvent[] {
  if (!Array.isArray(body)) throw new Error('The SendGrid Event Webhook body must be a JSON array of events.');
  const events: ProviderEvent[] = [];
  for (const item of body) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const e = item as Record<string, unknown>;
    const status = typeof e.event === 'string' ? STATUS[e.event] : undefined;
    if (!status || typeof e.timestamp !== 'number' || !Number.isFinite(e.timestamp)) continue;

    const event: ProviderEvent = { status, at: new Date(e.timestamp * 1000) };
    // Custom args arrive as top-level keys of the event.
    const deliveryId = text(e.parley_delivery_id);
    if (deliveryId) event.deliveryId = deliveryId;
    // "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0": the part before the first dot is the X-Message-Id.
    const externalId = text(e.sg_message_id)?.split('.')[0];
    if (externalId) event.externalId = externalId;
    const address = text(e.email);
    if (address) event.address = address;
    const reason = text(e.reason) ?? text(e.response);
    if (reason) event.reason = reason;
    if (status === 'bounced') event.hard = e.type !== 'blocked';
    if (status === 'clicked') {
      const url = text(e.url);
      if (url) event.url = url;
    }
    events.push(event);
  }
  return events;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
