import { type Static, Type } from '@sinclair/typebox';
import { bodyText, httpFailure, parseRetryAfter, request, type HttpResponse } from './http.ts';
import { type EmailMessage, type Provider, ProviderError, type SendResult, type ProviderContext, messageIdFor } from './types.ts';

export const SendGridOptions = Type.Object({
  apiKey: Type.String({ minLength: 1 }),
  /** The verified sender address. */
  from: Type.String({ minLength: 3 }),
  fromName: Type.Optional(Type.String({ minLength: 1 })),
  /** Default https://api.sendgrid.com (https://api.eu.sendgrid.com for EU regional subusers). */
  baseUrl: Type.Optional(Type.String({ format: 'uri' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
  /** The Event Webhook verification key (base64 SPKI, ECDSA P-256) from Mail Settings; enables /callbacks/sendgrid/{name}. */
  eventWebhookPublicKey: Type.Optional(Type.String({ minLength: 1 })),
});

interface SendGridErrorBody {
  errors?: { message?: unknown; field?: unknown }[];
}

/** SendGrid v3 Mail Send. SendGrid takes no idempotency key; the delivery id travels as a custom arg. */
export function sendGridProvider(options: Static<typeof SendGridOptions>, { name }: ProviderContext): Provider<'email'> {
  const url = `${(options.baseUrl ?? 'https://api.sendgrid.com').replace(/\/+$/, '')}/v3/mail/send`;

  return {
    channel: 'email',
    type: 'sendgrid',
    name,
    endpoint: url,
    async send(message: EmailMessage): Promise<SendResult> {
      // The API requires text/plain first, then text/html.
      const content: { type: string; value: string }[] = [];
      if (message.text) content.push({ type: 'text/plain', value: message.text });
      if (message.html) content.push({ type: 'text/html', value: message.html });
      const body = {
        personalizations: [
          {
            to: [{ email: message.to }],
            // Custom args come back on every Event Webhook event for this message.
            custom_args: { ...message.tags, parley_delivery_id: message.deliveryId, parley_request_id: message.requestId },
          },
        ],
        from: { email: options.from, ...(options.fromName ? { name: options.fromName } : {}) },
        subject: message.subject,
        content,
        // Reply-To is one of SendGrid's reserved headers: it goes in reply_to.
        ...(message.replyTo && { reply_to: { email: message.replyTo } }),
        // SendGrid keeps a Message-ID given here (it is not one of its reserved headers).
        headers: { ...message.headers, 'Message-ID': messageIdFor(message.deliveryId, options.from), 'X-Parley-Delivery-Id': message.deliveryId },
      };
      const response = await request(
        url,
        { method: 'POST', headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) },
        options.timeoutMs,
      );
      // 202 Accepted (200 in sandbox mode); X-Message-Id prefixes every event's sg_message_id.
      if (response.ok) {
        return { externalId: response.headers.get('x-message-id') ?? undefined };
      }
      throw await classify(response);
    },
  };
}

async function classify(response: HttpResponse): Promise<ProviderError> {
  const text = await bodyText(response);
  let errors: { message: string; field: string }[] = [];
  try {
    const parsed = JSON.parse(text) as SendGridErrorBody;
    errors = (parsed.errors ?? []).map((e) => ({ message: typeof e.message === 'string' ? e.message : '', field: typeof e.field === 'string' ? e.field : '' }));
  } catch {
    // not JSON: the status decides
  }
  const detail = errors.length ? errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ') : text;
  const status = response.status;

  if (status === 429 || status >= 500) {
    // SendGrid announces the end of the rate-limit window as X-RateLimit-Reset (epoch seconds).
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? resetIn(response.headers.get('x-ratelimit-reset'));
    const message = `SendGrid answered ${status}${detail ? `: ${detail}` : ''}`;
    return new ProviderError('retryable', status === 429 ? 'rate_limited' : 'server_error', message, { status, retryAfterMs });
  }
  if (status === 413) return httpFailure('SendGrid', response, detail, 'payload_too_large');
  if (status === 400 && errors.some((e) => /^personalizations\.\d+\.to\b/.test(e.field))) {
    return httpFailure('SendGrid', response, detail, 'invalid_address');
  }
  return httpFailure('SendGrid', response, detail);
}

function resetIn(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  return Math.max(0, Number(value) * 1000 - Date.now());
}
