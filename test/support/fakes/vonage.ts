import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerQueue, basicAuth, sendJson, serve } from './http.ts';

/**
 * A local Vonage SMS API: POST /sms/json, form-encoded or JSON, authenticated by api_key and
 * api_secret in the body (or HTTP Basic). Like Vonage it answers HTTP 200 with a `messages` array,
 * one entry per part, whose `status` says whether each part was accepted.
 */

/**
 * One scripted answer, after authentication and validation pass. A number is an HTTP status
 * (429 with Retry-After: 1, 5xx with a plain body); an object answers HTTP 200 with that Vonage
 * status for every part, or one status per part when it is an array; 'hang' never answers.
 */
export type VonageAnswer = 'ok' | 'hang' | 429 | 500 | 503 | { status: string | string[]; errorText?: string };

export interface VonageRequest {
  /** The parameters as the request sent them, whether form-encoded or JSON. */
  params: Record<string, string>;
  contentType: string;
  /** The message-id of each part the fake answered with. */
  messageIds: string[];
}

export interface FakeVonage {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Accepted messages, parsed. */
  requests: VonageRequest[];
  script(...answers: VonageAnswer[]): void;
  /** The account's signature secret and method (signed webhooks), for the provider entry. */
  signatureSecret: string;
  signatureMethod: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';
  /**
   * The parameters of an inbound SMS webhook from `msisdn` as Vonage posts them, signed the way
   * Vonage signs them: timestamp, nonce, then sig over every other parameter.
   */
  signedInbound(message: { msisdn: string; to: string; text: string }, options?: { timestamp?: number; secret?: string }): Record<string, string>;
  close(): Promise<void>;
}

const ERROR_TEXT: Record<string, string> = {
  '1': 'Throughput Rate Exceeded - please wait [ 1000 ] and retry',
  '5': 'Internal Error',
  '6': 'Unroutable message - rejected',
  '7': 'Number barred.',
  '8': 'Account barred.',
  '9': 'Quota Exceeded - rejected',
  '29': 'Non White-listed Destination - rejected',
};

export async function startFakeVonage(signatureMethod: FakeVonage['signatureMethod'] = 'sha256'): Promise<FakeVonage> {
  const signatureSecret = randomBytes(16).toString('hex');
  const apiKey = randomBytes(4).toString('hex');
  const apiSecret = randomBytes(8).toString('hex');
  const requests: VonageRequest[] = [];
  const answers = answerQueue<VonageAnswer>();

  const { url, close } = await serve(handle);

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== '/sms/json') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    const contentType = req.headers['content-type'] ?? '';
    const params = parseBody(contentType, body);
    if (!params) return refuse(res, '3', 'Invalid Parameters: the body could not be read');

    const basic = basicAuth(req.headers.authorization);
    const key = params.api_key ?? basic?.name;
    const secret = params.api_secret ?? basic?.password;
    if (!key) return refuse(res, '2', 'Missing api_key');
    if (!secret) return refuse(res, '2', 'Missing api_secret');
    if (key !== apiKey || secret !== apiSecret) return refuse(res, '4', 'Bad Credentials');
    for (const name of ['from', 'to', 'text']) if (!params[name]) return refuse(res, '2', `Missing ${name} param`);
    if (!/^\d{7,15}$/.test(params.to!)) return refuse(res, '3', 'Invalid to address');
    const type = params.type ?? 'text';
    if (!['text', 'unicode', 'binary', 'wappush', 'vcal', 'vcard'].includes(type)) return refuse(res, '3', 'Invalid type parameter');
    if ((params['client-ref']?.length ?? 0) > 40) return refuse(res, '3', 'Invalid client-ref: longer than 40 characters');
    if (params.callback && !/^https?:\/\//.test(params.callback)) return refuse(res, '23', 'Invalid callback url');

    const answer = answers.next();
    if (answer === 'hang') return; // answered by nobody; close() drops the connection
    if (answer === 429) return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('Too Many Requests');
    if (typeof answer === 'number') return void res.writeHead(answer, { 'content-type': 'text/plain' }).end('Service Unavailable');

    const count = parts(params.text!, type === 'unicode');
    const statuses = answer === 'ok' ? ['0'] : Array.isArray(answer.status) ? answer.status : [answer.status];
    const messageIds: string[] = [];
    const messages = Array.from({ length: count }, (_, i) => {
      const status = statuses[Math.min(i, statuses.length - 1)]!;
      if (status !== '0') {
        const errorText = typeof answer === 'object' && answer.errorText ? answer.errorText : (ERROR_TEXT[status] ?? 'Error');
        return { status, 'error-text': errorText };
      }
      const id = randomBytes(8).toString('hex').toUpperCase();
      messageIds.push(id);
      return {
        to: params.to,
        'message-id': id,
        status,
        'remaining-balance': '15.53590000',
        'message-price': '0.03330000',
        network: '23410',
        ...(params['client-ref'] && { 'client-ref': params['client-ref'] }),
      };
    });
    if (messageIds.length === count) requests.push({ params, contentType, messageIds });
    sendJson(res, 200, { 'message-count': String(count), messages });
  }

  return {
    url,
    apiKey,
    apiSecret,
    requests,
    script: answers.script,
    signatureSecret,
    signatureMethod,
    signedInbound(message, options = {}) {
      const params: Record<string, string> = {
        msisdn: message.msisdn,
        to: message.to,
        messageId: randomBytes(8).toString('hex').toUpperCase(),
        text: message.text,
        type: 'text',
        keyword: message.text.trim().split(/\s+/)[0]!.toUpperCase(),
        'api-key': apiKey,
        'message-timestamp': new Date().toISOString().replace('T', ' ').slice(0, 19),
        timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
        nonce: randomBytes(16).toString('hex'),
      };
      params.sig = vonageSignature(options.secret ?? signatureSecret, signatureMethod, params);
      return params;
    },
    close,
  };
}

/**
 * Vonage's webhook signature, written out from its documentation independently of Parley's:
 * `&name=value` for every parameter but sig, sorted, `&` and `=` in values replaced by `_`;
 * md5hash appends the secret and takes MD5 (lower-case hex), the others are an HMAC keyed by it
 * (upper-case hex).
 */
export function vonageSignature(secret: string, method: FakeVonage['signatureMethod'], params: Record<string, string>): string {
  const query = Object.keys(params)
    .filter((name) => name !== 'sig')
    .sort()
    .map((name) => `&${name}=${params[name]!.replace(/[&=]/g, '_')}`)
    .join('');
  if (method === 'md5hash') return createHash('md5').update(query + secret).digest('hex');
  return createHmac(method, secret).update(query).digest('hex').toUpperCase();
}

/** A refusal before the message is split: one entry, HTTP 200, as Vonage answers it. */
function refuse(res: ServerResponse, status: string, errorText: string): void {
  sendJson(res, 200, { 'message-count': '1', messages: [{ status, 'error-text': errorText }] });
}

/** The part count, roughly as Vonage splits (extension characters and surrogate pairs aside). */
function parts(text: string, unicode: boolean): number {
  const [single, multi] = unicode ? [70, 67] : [160, 153];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}

function parseBody(contentType: string, body: string): Record<string, string> | undefined {
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (contentType.startsWith('application/json')) {
    try {
      const value = JSON.parse(body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
