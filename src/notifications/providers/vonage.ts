import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_TIMEOUT_MS, bodyText, httpFailure, request } from './http.ts';
import { countSegments } from './sms-segments.ts';
import { type FailureKind, type Provider, ProviderError, type SendResult, type SmsMessage, type ProviderContext } from './types.ts';

/**
 * The Vonage (Nexmo) SMS API: POST {baseUrl}/sms/json, form-encoded with api_key and api_secret.
 * https://developer.vonage.com/en/api/sms
 *
 * Vonage answers HTTP 200 whether or not it accepted the message: the verdict is the `status` of
 * each entry of `messages` (one per part of a long message). The delivery id travels as
 * `client-ref`, which Vonage echoes in its delivery receipts. There is no idempotency key.
 */

export const VonageOptions = Type.Object({
  apiKey: Type.String({ minLength: 1 }),
  apiSecret: Type.String({ minLength: 1 }),
  from: Type.String({ minLength: 1, description: 'A number (E.164) or an alphanumeric sender id.' }),
  statusCallbackUrl: Type.Optional(
    Type.String({ format: 'uri', pattern: '^https?://', description: 'Where Vonage sends delivery receipts; overrides the dashboard setting.' }),
  ),
  signatureSecret: Type.Optional(Type.String({ minLength: 1, description: "The account's signature secret: inbound SMS webhooks are verified with it (signed webhooks)." })),
  signatureMethod: Type.Optional(
    Type.Union([Type.Literal('md5hash'), Type.Literal('md5'), Type.Literal('sha1'), Type.Literal('sha256'), Type.Literal('sha512')], { description: 'As set in the Vonage dashboard; default md5hash.' }),
  ),
  /** Default https://rest.nexmo.com. */
  baseUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, default: DEFAULT_TIMEOUT_MS })),
});

interface VonageMessage {
  status?: string;
  'message-id'?: string;
  'error-text'?: string;
}

interface VonageResponse {
  'message-count'?: string;
  messages?: VonageMessage[];
}

/**
 * The documented non-zero statuses (https://developer.vonage.com/en/api-errors/sms).
 * An unknown status is permanent: Vonage did not take the message, and repeating an
 * unexplained refusal only repeats it.
 */
const STATUSES: Record<string, { name: string; kind: FailureKind; code: string }> = {
  '1': { name: 'Throttled', kind: 'retryable', code: 'rate_limited' },
  '2': { name: 'Missing Parameters', kind: 'permanent', code: 'rejected' },
  '3': { name: 'Invalid Parameters', kind: 'permanent', code: 'rejected' },
  '4': { name: 'Invalid Credentials', kind: 'permanent', code: 'unauthorized' },
  '5': { name: 'Internal Error', kind: 'retryable', code: 'server_error' },
  '6': { name: 'Invalid Message', kind: 'permanent', code: 'rejected' },
  '7': { name: 'Number Barred', kind: 'permanent', code: 'invalid_address' },
  '8': { name: 'Partner Account Barred', kind: 'permanent', code: 'account_barred' },
  '9': { name: 'Partner Quota Violation', kind: 'permanent', code: 'quota_exceeded' },
  '10': { name: 'Too Many Existing Binds', kind: 'retryable', code: 'rate_limited' },
  '11': { name: 'Account Not Enabled For HTTP', kind: 'permanent', code: 'account_not_enabled' },
  '12': { name: 'Message Too Long', kind: 'permanent', code: 'payload_too_large' },
  '14': { name: 'Invalid Signature', kind: 'permanent', code: 'unauthorized' },
  '15': { name: 'Invalid Sender Address', kind: 'permanent', code: 'invalid_sender' },
  '22': { name: 'Invalid Network Code', kind: 'permanent', code: 'rejected' },
  '23': { name: 'Invalid Callback Url', kind: 'permanent', code: 'rejected' },
  '29': { name: 'Non-Whitelisted Destination', kind: 'permanent', code: 'invalid_address' },
  '32': { name: 'Signature And API Secret Disallowed', kind: 'permanent', code: 'unauthorized' },
  '33': { name: 'Number De-activated', kind: 'permanent', code: 'invalid_address' },
};

export function vonageProvider(options: Static<typeof VonageOptions>, context: ProviderContext): Provider<'sms'> {
  const endpoint = `${(options.baseUrl ?? 'https://rest.nexmo.com').replace(/\/+$/, '')}/sms/json`;

  return {
    channel: 'sms',
    type: 'vonage',
    name: context.name,
    endpoint,
    async send(message: SmsMessage): Promise<SendResult> {
      const form = new URLSearchParams({
        api_key: options.apiKey,
        api_secret: options.apiSecret,
        from: options.from,
        // Vonage takes E.164 without the leading '+'.
        to: message.to.replace(/^\+/, ''),
        text: message.text,
        // Without `unicode`, Vonage sends the text as GSM-7 and mangles what does not fit it.
        type: countSegments(message.text).encoding === 'UCS-2' ? 'unicode' : 'text',
        'client-ref': message.deliveryId,
      });
      if (options.statusCallbackUrl) form.set('callback', options.statusCallbackUrl);

      const response = await request(
        endpoint,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form },
        options.timeoutMs,
      );
      const text = await bodyText(response);
      if (!response.ok) throw httpFailure('Vonage', response, text);

      const parts = parse(text)?.messages ?? [];
      if (parts.length === 0) throw new ProviderError('retryable', 'bad_response', `Vonage answered ${response.status} without a messages array`, { status: response.status });
      // One refused part means the recipient would get a broken message: the send as a whole failed.
      const refused = parts.find((part) => part.status !== '0');
      if (refused) throw failure(refused);
      context.log.debug({ deliveryId: message.deliveryId, parts: parts.length }, 'vonage accepted the message');
      return { externalId: parts[0]!['message-id'] };
    },
  };
}

function failure(part: VonageMessage): ProviderError {
  const status = part.status ?? '?';
  const known = STATUSES[status];
  const message = `Vonage refused the message: status ${status}${known ? ` ${known.name}` : ''}${part['error-text'] ? `: ${part['error-text']}` : ''}`;
  return new ProviderError(known?.kind ?? 'permanent', known?.code ?? 'rejected', message);
}

function parse(text: string): VonageResponse | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as VonageResponse) : undefined;
  } catch {
    return undefined;
  }
}
