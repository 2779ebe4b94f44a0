import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerQueue, sendJson, serve } from './http.ts';

/**
 * A local WhatsApp Business Cloud API: POST /{version}/{phone-number-id}/messages with a bearer
 * token and a JSON body, checked as the Graph API checks it (messaging_product, to, the text or
 * template object, approved templates and their parameter count), answering its success body
 * {messaging_product, contacts, messages} and its error body {error: {message, type, code,
 * error_subcode, fbtrace_id}}. Like the real API it refuses free text to a number whose 24-hour
 * customer-service window is closed (131047). It also builds and signs webhook payloads the way
 * Meta does (X-Hub-Signature-256, an HMAC-SHA256 of the raw body with the app secret).
 */

/**
 * One scripted answer, after authentication and validation pass. A number answers the usual
 * error for that status (401: 190; 429: 130429; 5xx: 131000); an object picks the error code;
 * 'hang' never answers.
 */
export type WhatsAppAnswer = 'ok' | 'hang' | 401 | 429 | 500 | 503 | { status: number; code: number; message?: string; retryAfter?: string };

export interface WhatsAppRequest {
  phoneNumberId: string;
  /** The request body, parsed. */
  body: Record<string, unknown>;
  /** The wamid the fake answered with. */
  id: string;
}

export interface WhatsAppStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipientId: string;
  timestamp?: Date;
  errors?: { code: number; title: string; message?: string }[];
}

export interface FakeWhatsApp {
  url: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** Accepted messages. */
  requests: WhatsAppRequest[];
  script(...answers: WhatsAppAnswer[]): void;
  /** An approved template: its name, language code and the number of body parameters it takes. */
  approve(name: string, language: string, parameters: number): void;
  /** The number (digits, as a wa_id) wrote to the business: free text may go to it for 24 hours. */
  openWindow(waId: string): void;
  /** A webhook body carrying message statuses. */
  statusPayload(statuses: WhatsAppStatus[]): string;
  /** A webhook body carrying inbound messages (text) from these numbers. */
  inboundPayload(messages: { from: string; text: string; name?: string; timestamp?: Date }[]): string;
  /** The X-Hub-Signature-256 header Meta sends with `body`. */
  sign(body: string, secret?: string): string;
  close(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const seconds = (at: Date = new Date()) => String(Math.floor(at.getTime() / 1000));

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const apiVersion = 'v21.0';
  const phoneNumberId = String(100_000_000_000_000 + Math.floor(Math.random() * 1e12));
  const accessToken = `EAA${randomBytes(48).toString('base64url')}`;
  const appSecret = hex(16);
  const verifyToken = hex(8);
  const requests: WhatsAppRequest[] = [];
  const answers = answerQueue<WhatsAppAnswer>();
  const templates = new Map<string, number>();
  const windows = new Set<string>();

  const { url, close } = await serve(handle);

  function error(res: ServerResponse, status: number, code: number, message: string, extra: { subcode?: number; details?: string; retryAfter?: string } = {}) {
    const body = {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(extra.subcode !== undefined && { error_subcode: extra.subcode }),
        ...(extra.details && { error_data: { messaging_product: 'whatsapp', details: extra.details } }),
        fbtrace_id: `A${randomBytes(12).toString('base64url')}`,
      },
    };
    sendJson(res, status, body, extra.retryAfter ? { 'retry-after': extra.retryAfter } : {});
  }
  const invalid = (res: ServerResponse, details: string) => error(res, 400, 100, '(#100) Invalid parameter', { details });

  function handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const match = /^\/(v\d+\.\d+)\/([^/?]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return error(res, 400, 100, `Unknown path components: ${req.url}`, { subcode: 2500 });
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth) return error(res, 401, 2500, 'An active access token must be used to query information about the current user.');
    if (auth !== accessToken) return error(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (match[2] !== phoneNumberId) {
      return error(res, 400, 100, `Unsupported post request. Object with ID '${match[2]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { subcode: 33 });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return invalid(res, 'The request body must be JSON.');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return invalid(res, 'The request body is not valid JSON.');
    }
    if (body.messaging_product !== 'whatsapp') return error(res, 400, 100, '(#100) The parameter messaging_product is required.');
    if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return invalid(res, 'recipient_type must be individual.');
    const to = typeof body.to === 'string' ? body.to.replace(/^\+/, '') : '';
    if (!/^[1-9]\d{6,14}$/.test(to)) return invalid(res, "'to' must be a phone number in international format.");
    if (body.type === 'text') {
      const text = body.text as { body?: unknown } | undefined;
      if (typeof text?.body !== 'string' || !text.body) return error(res, 400, 100, '(#100) The parameter text[\'body\'] is required.');
      if (text.body.length > 4096) return invalid(res, 'text.body may be at most 4096 characters.');
      if (!windows.has(to)) {
        return error(res, 400, 131047, 'Re-engagement message', { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
      }
    } else if (body.type === 'template') {
      const template = body.template as { name?: unknown; language?: { code?: unknown }; components?: { type?: string; parameters?: { type?: string; text?: unknown }[] }[] } | undefined;
      if (typeof template?.name !== 'string' || typeof template.language?.code !== 'string') return invalid(res, 'template.name and template.language.code are required.');
      const expected = templates.get(`${template.name}\n${template.language.code}`);
      if (expected === undefined) {
        return error(res, 404, 132001, 'Template name does not exist in the translation', { details: `template name (${template.name}) does not exist in ${template.language.code}` });
      }
      const parameters = (template.components ?? []).filter((c) => c.type === 'body').flatMap((c) => c.parameters ?? []);
      if (parameters.some((p) => p.type !== 'text' || typeof p.text !== 'string' || !p.text)) return invalid(res, 'A body parameter of type text needs a non-empty text.');
      if (parameters.length !== expected) {
        return error(res, 400, 132000, 'Number of parameters does not match the expected number of params', { details: `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected})` });
      }
    } else {
      return invalid(res, `Unsupported message type ${String(body.type)}.`);
    }

    const answer = answers.next();
    if (answer === 'hang') return;
    if (answer === 401) return error(res, 401, 190, 'Error validating access token: Session has expired.');
    if (answer === 429) return error(res, 400, 130429, 'Rate limit hit', { details: 'Cloud API message throughput has been reached.' });
    if (typeof answer === 'number') return error(res, answer, 131000, 'Something went wrong');
    if (typeof answer === 'object') return error(res, answer.status, answer.code, answer.message ?? `Error ${answer.code}`, { retryAfter: answer.retryAfter });

    const id = `wamid.${Buffer.from(`${to}.${hex(8)}`).toString('base64')}`;
    requests.push({ phoneNumberId: match[2]!, body, id });
    sendJson(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: to }], messages: [{ id }] });
  }

  const envelope = (value: Record<string, unknown>) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }],
        },
      ],
    });

  return {
    url,
    apiVersion,
    phoneNumberId,
    accessToken,
    appSecret,
    verifyToken,
    requests,
    script: answers.script,
    approve: (name, language, parameters) => void templates.set(`${name}\n${language}`, parameters),
    openWindow: (waId) => void windows.add(waId.replace(/^\+/, '')),
    statusPayload: (statuses) =>
      envelope({
        statuses: statuses.map((s) => ({
          id: s.id,
          status: s.status,
          timestamp: seconds(s.timestamp),
          recipient_id: s.recipientId,
          ...(s.errors && { errors: s.errors.map((e) => ({ code: e.code, title: e.title, message: e.message ?? e.title, error_data: { details: e.message ?? e.title } })) }),
        })),
      }),
    inboundPayload: (messages) =>
      envelope({
        contacts: messages.map((m) => ({ profile: { name: m.name ?? 'Customer' }, wa_id: m.from })),
        messages: messages.map((m) => ({ from: m.from, id: `wamid.${hex(12)}`, timestamp: seconds(m.timestamp), type: 'text', text: { body: m.text } })),
      }),
    sign: (body, secret = appSecret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    close,
  };
}
