import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type ExactAnswer, answerQueue, sendJson, sendScripted, serve } from './http.ts';

/**
 * A local SendGrid v3 Mail Send API: POST /v3/mail/send with `Authorization: Bearer <key>`,
 * validated the way SendGrid validates it, answering 202 with X-Message-Id.
 */

export const SENDGRID_API_KEY = 'SG.fake-key.for-tests';

/** 'ok', a status with SendGrid's usual body and headers for it, or an exact answer. */
export type SendGridAnswer = 'ok' | number | ExactAnswer;

export interface SendGridRequest {
  headers: IncomingMessage['headers'];
  body: MailSendBody;
  messageId: string;
}

export interface MailSendBody {
  personalizations: { to: { email: string; name?: string }[]; custom_args?: Record<string, string>; subject?: string }[];
  from: { email: string; name?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  headers?: Record<string, string>;
  reply_to?: { email: string; name?: string };
}

export interface SendGridFake {
  url: string;
  /** Accepted (202) requests, oldest first. */
  requests: SendGridRequest[];
  /** Answers for the next well-formed, authenticated requests, one each; then 'ok' again. */
  script(...answers: SendGridAnswer[]): void;
  close(): Promise<void>;
}

type FieldError = { message: string; field: string | null; help?: string | null };

const errors = (...list: FieldError[]) => ({ errors: list.map((e) => ({ help: null, ...e })) });

function canned(status: number): ExactAnswer {
  const reset = String(Math.floor(Date.now() / 1000) + 1);
  switch (status) {
    case 400:
      return { status, headers: {}, body: errors({ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email' }) };
    case 401:
      return { status, headers: {}, body: errors({ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }) };
    case 403:
      return { status, headers: {}, body: errors({ message: 'access forbidden', field: null }) };
    case 413:
      return { status, headers: {}, body: errors({ message: 'The JSON payload you have included in your request is too large.', field: null }) };
    case 429:
      return { status, headers: { 'retry-after': '2', 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: errors({ message: 'too many requests', field: null }) };
    default:
      return { status, headers: {}, body: errors({ message: status >= 500 ? 'internal server error' : 'error', field: null }) };
  }
}

export async function startSendGridFake(options: { apiKey?: string } = {}): Promise<SendGridFake> {
  const apiKey = options.apiKey ?? SENDGRID_API_KEY;
  const requests: SendGridRequest[] = [];
  const answers = answerQueue<SendGridAnswer>();

  const { url, close } = await serve((req, raw, res) => {
    if (req.method !== 'POST' || req.url !== '/v3/mail/send') return sendJson(res, 404, errors({ message: 'Not Found', field: null }));
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendJson(res, 401, canned(401).body);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, errors({ message: 'Bad Request', field: null }));
    }
    const invalid = validate(body);
    if (invalid.length) return sendJson(res, 400, errors(...invalid));

    const answer = answers.next();
    if (answer === 'ok') {
      const messageId = randomBytes(16).toString('base64url').slice(0, 22);
      requests.push({ headers: req.headers, body: body as MailSendBody, messageId });
      res.writeHead(202, { 'x-message-id': messageId, 'content-length': '0' });
      return res.end();
    }
    sendScripted(res, answer, canned);
  });

  return { url, requests, script: answers.script, close };
}

/** The checks SendGrid makes on a Mail Send body that the adapter could get wrong. */
function validate(body: unknown): FieldError[] {
  const out: FieldError[] = [];
  const b = (body ?? {}) as Partial<MailSendBody>;
  if (!Array.isArray(b.personalizations) || b.personalizations.length === 0) {
    out.push({ message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations' });
  } else {
    b.personalizations.forEach((p, i) => {
      if (!Array.isArray(p.to) || p.to.length === 0) out.push({ message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', field: `personalizations.${i}.to` });
      else p.to.forEach((to, j) => !isAddress(to?.email) && out.push({ message: 'Does not contain a valid address.', field: `personalizations.${i}.to.${j}.email` }));
      for (const [key, value] of Object.entries(p.custom_args ?? {})) {
        if (typeof value !== 'string') out.push({ message: `Invalid type. Expected: string, given: ${typeof value}.`, field: `personalizations.${i}.custom_args.${key}` });
      }
    });
  }
  if (!isAddress(b.from?.email)) out.push({ message: 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', field: 'from.email' });
  if (!b.subject && !b.personalizations?.every((p) => p.subject)) {
    out.push({ message: 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', field: 'subject' });
  }
  if (!Array.isArray(b.content) || b.content.length === 0) {
    out.push({ message: 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.', field: 'content' });
  } else {
    if (b.content.some((c) => typeof c.value !== 'string' || c.value.length === 0)) out.push({ message: 'The content value must be a string at least one character in length.', field: 'content.0.value' });
    const plain = b.content.findIndex((c) => c.type === 'text/plain');
    const html = b.content.findIndex((c) => c.type === 'text/html');
    if (plain > 0 || (html >= 0 && html !== (plain === 0 ? 1 : 0))) {
      out.push({ message: 'If present, text/plain and text/html may only be provided in this order: text/plain, text/html.', field: 'content' });
    }
  }
  if (b.reply_to !== undefined && !isAddress(b.reply_to?.email)) out.push({ message: 'The reply_to email does not contain a valid address.', field: 'reply_to' });
  // Header values must be strings, and SendGrid's reserved headers cannot be set.
  for (const [name, value] of Object.entries(b.headers ?? {})) {
    if (typeof value !== 'string') out.push({ message: `Invalid type. Expected: string, given: ${typeof value}.`, field: `headers.${name}` });
    if (SENDGRID_RESERVED_HEADERS.has(name.toLowerCase())) out.push({ message: `The header ${name} is a reserved header and cannot be set.`, field: 'headers' });
  }
  return out;
}

/** Headers SendGrid refuses in the `headers` object (its v3 Mail Send reference). */
const SENDGRID_RESERVED_HEADERS = new Set(['x-sg-id', 'x-sg-eid', 'received', 'dkim-signature', 'content-type', 'content-transfer-encoding', 'to', 'from', 'subject', 'reply-to', 'cc', 'bcc']);

function isAddress(value: unknown): boolean {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

let keys: { privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']; publicKeyBase64: string } | undefined;

/**
 * A signed Event Webhook request for `events`, as SendGrid would POST it: the raw body, the two
 * signature headers, and the verification key (base64 SPKI DER) to configure as
 * `eventWebhookPublicKey`. The key pair is generated once per process.
 */
export function signedEvents(events: unknown[], timestamp = Math.floor(Date.now() / 1000)): { body: string; headers: Record<string, string>; publicKeyBase64: string } {
  keys ??= (() => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    return { privateKey: pair.privateKey, publicKeyBase64: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
  })();
  const body = JSON.stringify(events);
  const signature = sign('sha256', Buffer.from(`${timestamp}${body}`, 'utf8'), { key: keys.privateKey, dsaEncoding: 'der' }).toString('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': String(timestamp),
    },
    publicKeyBase64: keys.publicKeyBase64,
  };
}
