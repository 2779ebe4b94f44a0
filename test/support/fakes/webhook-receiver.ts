import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerQueue, serve } from './http.ts';

/**
 * A receiver of Standard Webhooks (https://www.standardwebhooks.com), as an operator would run
 * one: it verifies `webhook-signature` itself (HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the base64-decoded `whsec_` secret), refuses a timestamp more than five minutes off and a
 * bad signature with 401, and deduplicates on `webhook-id`.
 */

/**
 * One scripted answer for a request that verifies. A number answers that status (429 and 503
 * with Retry-After: 1); an object sets the status, Retry-After and Location (for redirects);
 * 'hang' never answers.
 */
export type ReceiverAnswer = 'ok' | 'hang' | number | { status: number; retryAfter?: string; location?: string };

export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  /** The parsed JSON body; undefined when the body was not JSON. */
  payload: unknown;
  path: string;
  /** The status the receiver answered (or 0 while hanging). */
  status: number;
  /** Why the receiver refused the request before looking at it, if it did. */
  refused?: 'missing_headers' | 'stale_timestamp' | 'bad_signature' | 'bad_json';
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Every request, in arrival order, refused ones included. */
  requests: ReceivedWebhook[];
  /** The deliveries accepted (2xx), once per webhook-id: what a deduplicating receiver processes. */
  unique: Map<string, ReceivedWebhook>;
  script(...answers: ReceiverAnswer[]): void;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 5 * 60;

export async function startWebhookReceiver(options: { secret?: string } = {}): Promise<WebhookReceiver> {
  const secret = options.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const requests: ReceivedWebhook[] = [];
  const unique = new Map<string, ReceivedWebhook>();
  const answers = answerQueue<ReceiverAnswer>();

  const { url, close } = await serve(handle);

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const id = header(req, 'webhook-id');
    const timestamp = header(req, 'webhook-timestamp');
    const signatures = header(req, 'webhook-signature');
    const received: ReceivedWebhook = { id: id ?? '', timestamp: Number(timestamp), payload: undefined, path: req.url ?? '', status: 0 };
    requests.push(received);
    const refuse = (status: number, reason: NonNullable<ReceivedWebhook['refused']>) => {
      received.status = status;
      received.refused = reason;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
    };

    if (req.method !== 'POST' || !id || !timestamp || !signatures) return refuse(400, 'missing_headers');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return refuse(401, 'stale_timestamp');
    const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64'));
    // The header may carry several space-separated signatures (during a secret rotation); one is enough.
    const valid = signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',', 2);
      const given = Buffer.from(signature ?? '');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!valid) return refuse(401, 'bad_signature');
    try {
      received.payload = JSON.parse(body);
    } catch {
      return refuse(400, 'bad_json');
    }

    const answer = answers.next();
    if (answer === 'hang') return; // answered by nobody; close() drops the connection
    const scripted = answer === 'ok' ? { status: 200 } : typeof answer === 'number' ? { status: answer } : answer;
    const headers: Record<string, string> = { 'content-type': 'text/plain' };
    const retryAfter = typeof answer === 'object' ? answer.retryAfter : answer === 429 || answer === 503 ? '1' : undefined;
    if (retryAfter) headers['retry-after'] = retryAfter;
    if (typeof answer === 'object' && answer.location) headers.location = answer.location;
    received.status = scripted.status;
    if (scripted.status >= 200 && scripted.status < 300 && !unique.has(id)) unique.set(id, received);
    res.writeHead(scripted.status, headers).end();
  }

  return {
    url: `${url}/hooks/parley`,
    secret,
    requests,
    unique,
    script: answers.script,
    close,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
