import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_TIMEOUT_MS, bodyText, httpFailure, request, type HttpResponse } from './http.ts';
import { type Provider, ProviderError, type SendResult, type SmsMessage, type ProviderContext } from './types.ts';

/**
 * Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
 * form-encoded, HTTP Basic with the account SID and auth token or an API key SID and secret.
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 *
 * Twilio takes no idempotency key for messages; the delivery id travels in the status callback
 * URL (`?deliveryId=`), which Twilio calls back as given.
 */

export const TwilioOptions = Type.Object({
  accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' }),
  /** Also the key Twilio signs status callbacks with, so keep it set when authenticating with an API key. */
  authToken: Type.Optional(Type.String({ minLength: 1 })),
  apiKeySid: Type.Optional(Type.String({ pattern: '^SK[0-9a-fA-F]{32}$' })),
  apiKeySecret: Type.Optional(Type.String({ minLength: 1 })),
  from: Type.Optional(Type.String({ minLength: 1, description: 'An E.164 number, short code or alphanumeric sender id.' })),
  messagingServiceSid: Type.Optional(Type.String({ pattern: '^MG[0-9a-fA-F]{32}$' })),
  statusCallbackUrl: Type.Optional(
    Type.String({ format: 'uri', pattern: '^https?://', description: "The public URL of Parley's Twilio status callback; ?deliveryId=<id> is appended." }),
  ),
  /** Default https://api.twilio.com. */
  baseUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, default: DEFAULT_TIMEOUT_MS })),
});

/** Twilio's error body: https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions */
interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

/** 400 codes that say the recipient cannot be reached, and what Parley calls them. */
const ADDRESS_ERRORS: Record<number, string> = {
  21211: 'invalid_address', // Invalid 'To' Phone Number
  21614: 'invalid_address', // 'To' number is not a valid mobile number
  21610: 'unsubscribed', // Attempt to send to unsubscribed recipient (they replied STOP)
};
const BODY_TOO_LONG = 21617; // The concatenated message body exceeds the 1600 character limit

export function twilioProvider(options: Static<typeof TwilioOptions>, context: ProviderContext): Provider<'sms'> {
  if (!options.apiKeySid !== !options.apiKeySecret) throw new Error(`Twilio provider ${context.name}: apiKeySid and apiKeySecret go together`);
  const user = options.apiKeySid ?? options.accountSid;
  const password = options.apiKeySid ? options.apiKeySecret : options.authToken;
  if (!password) throw new Error(`Twilio provider ${context.name}: set authToken, or apiKeySid and apiKeySecret`);
  if (!options.from && !options.messagingServiceSid) throw new Error(`Twilio provider ${context.name}: set from or messagingServiceSid`);
  const baseUrl = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const endpoint = `${baseUrl}/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  return {
    channel: 'sms',
    type: 'twilio',
    name: context.name,
    endpoint,
    async send(message: SmsMessage): Promise<SendResult> {
      const form = new URLSearchParams({ To: message.to, Body: message.text });
      // A messaging service picks the sender from its pool; it wins when both are set.
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      else form.set('From', options.from!);
      if (options.statusCallbackUrl) form.set('StatusCallback', callbackUrl(options.statusCallbackUrl, message.deliveryId));

      const response = await request(
        endpoint,
        { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form },
        options.timeoutMs,
      );
      const text = await bodyText(response);
      if (response.status === 200 || response.status === 201) {
        const sid = parse<{ sid?: string }>(text)?.sid;
        return { externalId: sid };
      }
      throw classify(response, text);
    },
  };
}

function classify(response: HttpResponse, text: string): ProviderError {
  const error = parse<TwilioError>(text);
  const code = error?.code;
  const detail = error ? `${code ?? ''} ${error.message ?? ''}`.trim() : text;
  if (response.status === 400 && code !== undefined) {
    const addressCode = ADDRESS_ERRORS[code];
    if (addressCode) return new ProviderError('permanent', addressCode, `Twilio answered 400: ${detail}`, { status: 400 });
    if (code === BODY_TOO_LONG) return new ProviderError('permanent', 'payload_too_large', `Twilio answered 400: ${detail}`, { status: 400 });
  }
  // 401 (20003), 429 (20429, with Retry-After), 5xx and the other 4xx take the common classification.
  return httpFailure('Twilio', response, detail);
}

/**
 * The status callback URL with this delivery's id added to its query. Appended as text rather than
 * through `URL`, which would normalise the rest: Twilio signs the URL exactly as given, and the
 * callback route rebuilds it from the configured one.
 */
function callbackUrl(base: string, deliveryId: string): string {
  return `${base}${base.includes('?') ? '&' : '?'}deliveryId=${encodeURIComponent(deliveryId)}`;
}

function parse<T>(text: string): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
