import { type Static, Type } from '@sinclair/typebox';
import { bodyText, httpFailure, request, type HttpResponse } from './http.ts';
import { type EmailMessage, type Provider, type ProviderError, type SendResult, type ProviderContext, messageIdFor } from './types.ts';

export const MailgunOptions = Type.Object({
  apiKey: Type.String({ minLength: 1 }),
  /** The sending domain, e.g. mg.example.com. */
  domain: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9.-]+$' }),
  /** An address, or "Name <address>". */
  from: Type.String({ minLength: 3 }),
  /** The account's region picks the API host; default us. */
  region: Type.Optional(Type.Union([Type.Literal('us'), Type.Literal('eu')])),
  baseUrl: Type.Optional(Type.String({ format: 'uri' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
});

const BASE = { us: 'https://api.mailgun.net', eu: 'https://api.eu.mailgun.net' } as const;

/** Mailgun Messages API. Mailgun takes no idempotency key; the delivery id travels as a user variable. */
export function mailgunProvider(options: Static<typeof MailgunOptions>, { name }: ProviderContext): Provider<'email'> {
  const base = (options.baseUrl ?? BASE[options.region ?? 'us']).replace(/\/+$/, '');
  const url = `${base}/v3/${encodeURIComponent(options.domain)}/messages`;
  const authorization = `Basic ${Buffer.from(`api:${options.apiKey}`).toString('base64')}`;

  return {
    channel: 'email',
    type: 'mailgun',
    name,
    endpoint: base,
    async send(message: EmailMessage): Promise<SendResult> {
      const form = new URLSearchParams({ from: options.from, to: message.to, subject: message.subject });
      if (message.text) form.set('text', message.text);
      if (message.html) form.set('html', message.html);
      // v: variables come back as "user-variables" on every webhook event of the message.
      for (const [key, value] of Object.entries(message.tags)) form.set(`v:${key}`, value);
      form.set('v:parley_delivery_id', message.deliveryId);
      form.set('v:parley_request_id', message.requestId);
      // h: fields become header fields of the message, Message-Id included.
      for (const [key, value] of Object.entries(message.headers ?? {})) form.set(`h:${key}`, value);
      form.set('h:Message-Id', messageIdFor(message.deliveryId, options.from));
      form.set('h:X-Parley-Delivery-Id', message.deliveryId);
      if (message.replyTo) form.set('h:Reply-To', message.replyTo);

      const response = await request(url, { method: 'POST', headers: { authorization }, body: form }, options.timeoutMs);
      if (response.ok) {
        const json = (await response.json().catch(() => ({}))) as { id?: unknown };
        // "<20240101120000.1.ABC@mg.example.com>": events carry it without the brackets.
        return { externalId: typeof json.id === 'string' ? json.id.replace(/^<|>$/g, '') : undefined };
      }
      throw await classify(response);
    },
  };
}

async function classify(response: HttpResponse): Promise<ProviderError> {
  const text = await bodyText(response);
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') detail = parsed.message;
  } catch {
    // 401 answers a plain "Forbidden"
  }
  if (response.status === 400 && /\bto'? parameter is not a valid address/i.test(detail)) return httpFailure('Mailgun', response, detail, 'invalid_address');
  if (response.status === 413) return httpFailure('Mailgun', response, detail, 'payload_too_large');
  return httpFailure('Mailgun', response, detail);
}
