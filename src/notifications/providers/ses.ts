import { type Static, Type } from '@sinclair/typebox';
import { bodyText, httpFailure, parseRetryAfter, request, type HttpResponse } from './http.ts';
import { signV4 } from './sigv4.ts';
import { type EmailMessage, type Provider, ProviderError, type SendResult, type ProviderContext } from './types.ts';

export const SesOptions = Type.Object({
  region: Type.String({ minLength: 1, pattern: '^[a-z0-9-]+$' }),
  accessKeyId: Type.String({ minLength: 1 }),
  secretAccessKey: Type.String({ minLength: 1 }),
  sessionToken: Type.Optional(Type.String({ minLength: 1 })),
  /** A verified identity: an address, or "Name <address>". */
  from: Type.String({ minLength: 3 }),
  configurationSetName: Type.Optional(Type.String({ minLength: 1 })),
  /** Default https://email.{region}.amazonaws.com. */
  baseUrl: Type.Optional(Type.String({ format: 'uri' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** SES accepts message tag names and values made of these characters only. */
const TAG_SAFE = /^[A-Za-z0-9_-]{1,256}$/;

/** Error types that say the request will never succeed as it is. */
const PERMANENT: Record<string, string> = {
  MessageRejected: 'rejected',
  MailFromDomainNotVerifiedException: 'sender_not_verified',
  BadRequestException: 'rejected',
  NotFoundException: 'rejected',
  AccountSuspendedException: 'account_suspended',
  SendingPausedException: 'sending_paused',
};

/** Throttling comes back as 429 TooManyRequestsException, or as a 400 LimitExceededException/Throttling. */
const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling']);

const AUTH = new Set(['SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignatureException', 'UnrecognizedClientException', 'InvalidClientTokenId', 'AccessDeniedException', 'ExpiredTokenException']);

/** Amazon SES API v2 SendEmail, signed with SigV4. */
export function sesProvider(options: Static<typeof SesOptions>, { name }: ProviderContext): Provider<'email'> {
  const url = `${(options.baseUrl ?? `https://email.${options.region}.amazonaws.com`).replace(/\/+$/, '')}/v2/email/outbound-emails`;
  const credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, sessionToken: options.sessionToken };

  return {
    channel: 'email',
    type: 'ses',
    name,
    endpoint: url,
    async send(message: EmailMessage): Promise<SendResult> {
      const body = JSON.stringify({
        FromEmailAddress: options.from,
        Destination: { ToAddresses: [message.to] },
        ...(message.replyTo && { ReplyToAddresses: [message.replyTo] }),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              ...(message.text && { Text: { Data: message.text, Charset: 'UTF-8' } }),
              ...(message.html && { Html: { Data: message.html, Charset: 'UTF-8' } }),
            },
            // SES sets its own Message-ID (one given is overwritten); other header fields it keeps.
            ...(message.headers && Object.keys(message.headers).length > 0 && { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) }),
          },
        },
        // Echoed back in SES event publishing (SNS / EventBridge), so events find the delivery.
        EmailTags: emailTags(message),
        ...(options.configurationSetName && { ConfigurationSetName: options.configurationSetName }),
      });
      const signed = signV4({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body }, { credentials, region: options.region, service: 'ses' });
      const response = await request(url, { method: 'POST', headers: signed.headers, body }, options.timeoutMs);
      if (response.ok) {
        const json = (await response.json().catch(() => ({}))) as { MessageId?: unknown };
        return { externalId: typeof json.MessageId === 'string' ? json.MessageId : undefined };
      }
      throw await classify(response);
    },
  };
}

function emailTags(message: EmailMessage): { Name: string; Value: string }[] {
  const tags = { ...message.tags, parley_delivery_id: message.deliveryId, parley_request_id: message.requestId };
  // One tag with a character SES refuses would get the whole message rejected: leave such tags out.
  return Object.entries(tags)
    .filter(([key, value]) => TAG_SAFE.test(key) && TAG_SAFE.test(value))
    .map(([key, value]) => ({ Name: key, Value: value }));
}

async function classify(response: HttpResponse): Promise<ProviderError> {
  const text = await bodyText(response);
  let body: { message?: unknown; Message?: unknown; __type?: unknown; code?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON (a proxy's error page): the status decides
  }
  // "MessageRejected:http://internal.amazon.com/..." or "com.amazonaws.sesv2#MessageRejected"
  const raw = response.headers.get('x-amzn-errortype') ?? str(body.__type) ?? str(body.code) ?? '';
  const type = raw.split(':')[0]!.split('#').pop()!;
  const detail = str(body.message) ?? str(body.Message) ?? text;
  const status = response.status;
  const message = `SES answered ${status}${type ? ` ${type}` : ''}${detail ? `: ${detail}` : ''}`;

  if (THROTTLED.has(type)) {
    return new ProviderError('retryable', 'rate_limited', message, { status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  }
  if (status >= 500) return httpFailure('SES', response, `${type} ${detail}`.trim());
  if (status === 403 || AUTH.has(type)) return new ProviderError('permanent', 'unauthorized', message, { status });
  const code = PERMANENT[type];
  if (code) {
    const invalid = code === 'rejected' && /(invalid|illegal|malformed)[^.]*address|address[^.]*(invalid|illegal|malformed)|missing final '@domain'/i.test(detail);
    return new ProviderError('permanent', invalid ? 'invalid_address' : code, message, { status });
  }
  return httpFailure('SES', response, `${type} ${detail}`.trim());
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
