import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type ExactAnswer, answerQueue, sendJson, sendScripted, serve } from './http.ts';

/**
 * A local Mailgun Messages API: POST /v3/{domain}/messages with HTTP Basic `api:<key>` and a form
 * body, answering 200 {id, message}. Only application/x-www-form-urlencoded bodies are parsed
 * (the real API also takes multipart/form-data; the adapter does not send it).
 */

export const MAILGUN_API_KEY = 'key-fake-mailgun-for-tests';
export const MAILGUN_DOMAIN = 'mg.example.test';

export type MailgunAnswer = 'ok' | number | ExactAnswer;

export interface MailgunRequest {
  headers: IncomingMessage['headers'];
  domain: string;
  /** The form fields; a repeated field keeps its last value. */
  fields: Record<string, string>;
  id: string;
}

export interface MailgunFake {
  url: string;
  /** Accepted (200) requests, oldest first. */
  requests: MailgunRequest[];
  /** Answers for the next well-formed, authenticated requests, one each; then 'ok' again. */
  script(...answers: MailgunAnswer[]): void;
  close(): Promise<void>;
}

function canned(status: number): ExactAnswer {
  switch (status) {
    case 400:
      return { status, headers: {}, body: { message: 'to parameter is not a valid address. please check documentation' } };
    case 401:
      return { status, headers: { 'content-type': 'text/plain' }, body: 'Forbidden' };
    case 429:
      return { status, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } };
    default:
      return { status, headers: {}, body: { message: status >= 500 ? 'Internal Server Error' : `Error ${status}` } };
  }
}

export async function startMailgunFake(options: { apiKey?: string; domain?: string } = {}): Promise<MailgunFake> {
  const expected = `Basic ${Buffer.from(`api:${options.apiKey ?? MAILGUN_API_KEY}`).toString('base64')}`;
  const domain = options.domain ?? MAILGUN_DOMAIN;
  const requests: MailgunRequest[] = [];
  const answers = answerQueue<MailgunAnswer>();

  const { url, close } = await serve((req, raw, res) => {
    const path = /^\/v3\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !path) return sendJson(res, 404, { message: 'Not Found' });
    if (req.headers.authorization !== expected) return sendJson(res, 401, 'Forbidden', { 'content-type': 'text/plain' });
    if (decodeURIComponent(path[1]!) !== domain) return sendJson(res, 404, { message: `Domain not found: ${decodeURIComponent(path[1]!)}` });
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return sendJson(res, 400, { message: "'from' parameter is missing" });
    const fields = Object.fromEntries(new URLSearchParams(raw));
    const invalid = validate(fields);
    if (invalid) return sendJson(res, 400, { message: invalid });

    const answer = answers.next();
    if (answer === 'ok') {
      const id = `<${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}.${randomBytes(8).toString('hex')}@${domain}>`;
      requests.push({ headers: req.headers, domain, fields, id });
      return sendJson(res, 200, { id, message: 'Queued. Thank you.' });
    }
    sendScripted(res, answer, canned);
  });

  return { url, requests, script: answers.script, close };
}

/** Mailgun's own checks, with its messages. */
function validate(fields: Record<string, string>): string | undefined {
  if (!fields.from) return "'from' parameter is missing";
  if (!fields.to) return "'to' parameter is missing";
  const address = /<([^>]*)>\s*$/.exec(fields.to)?.[1] ?? fields.to;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) return 'to parameter is not a valid address. please check documentation';
  if (!fields.text && !fields.html && !fields.template) return "Need at least one of 'text', 'html' or 'template' parameters specified";
  return undefined;
}
