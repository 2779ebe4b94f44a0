import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderEvent } from '../providers/types.ts';

/**
 * Twilio's message status callbacks: the X-Twilio-Signature check and the mapping of
 * MessageStatus to Parley's provider events.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */

/**
 * The documented algorithm: the full URL the callback was posted to (query included), followed
 * by each POST parameter's name and value, sorted by name; HMAC-SHA1 keyed with the auth token,
 * base64. Twilio is known to sign the URL with or without the default port, so the URL is also
 * tried with the port removed and with the scheme's default port added, as its SDKs do.
 */
export function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string): boolean {
  const given = Buffer.from(signature);
  const payload = Object.keys(params)
    .sort()
    .map((name) => `${name}${params[name]}`)
    .join('');
  let valid = false;
  for (const candidate of new Set([url, withoutPort(url), withDefaultPort(url)])) {
    const expected = Buffer.from(createHmac('sha1', authToken).update(candidate + payload).digest('base64'));
    // Every candidate is compared, so the time taken does not say which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}

/** scheme://[userinfo@]host[:port] and the rest, without re-encoding anything the way `new URL` would. */
const AUTHORITY = /^(https?):\/\/([^/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?(.*)$/is;

function withoutPort(url: string): string {
  const m = AUTHORITY.exec(url);
  return m ? `${m[1]}://${m[2] ?? ''}${m[3]}${m[5]}` : url;
}

function withDefaultPort(url: string): string {
  const m = AUTHORITY.exec(url);
  if (!m || m[4] !== undefined) return url;
  const port = m[1]!.toLowerCase() === 'https' ? 443 : 80;
  return `${m[1]}://${m[2] ?? ''}${m[3]}:${port}${m[5]}`;
}

/** Error codes that say the number cannot receive SMS at all, so that trying again is pointless. */
const HARD_ERRORS = new Set(['30005', '30006']);

/** https://www.twilio.com/docs/api/errors: the 300xx delivery errors a status callback carries. */
const ERROR_NAMES: Record<string, string> = {
  '30001': 'Queue overflow',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered (carrier violation)',
  '30008': 'Unknown error',
};

/**
 * The event a status callback reports, or undefined for the intermediate states (queued,
 * accepted, scheduled, sending) and anything unknown. A failure with 30005 (the number does not
 * exist) or 30006 (a landline) is hard; 30003 (handset off or out of coverage) is not.
 */
export function parseTwilioStatus(params: Record<string, string>, deliveryId?: string): ProviderEvent | undefined {
  const status = mapStatus(params.MessageStatus ?? params.SmsStatus);
  if (!status) return undefined;
  const event: ProviderEvent = { deliveryId, externalId: params.MessageSid ?? params.SmsSid, status, at: new Date() };
  if (params.To) event.address = params.To;
  const errorCode = params.ErrorCode;
  if (errorCode && errorCode !== '0') {
    event.reason = ERROR_NAMES[errorCode] ? `${errorCode} ${ERROR_NAMES[errorCode]}` : `Twilio error ${errorCode}`;
    if (status === 'failed') event.hard = HARD_ERRORS.has(errorCode);
  }
  return event;
}

function mapStatus(status: string | undefined): ProviderEvent['status'] | undefined {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    // Twilio gave up on it (undelivered: the carrier refused; failed: it never left Twilio).
    case 'undelivered':
    case 'failed':
      return 'failed';
    // Read receipts, on channels that have them (WhatsApp, RCS).
    case 'read':
      return 'opened';
    default:
      return undefined;
  }
}
