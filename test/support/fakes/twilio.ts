import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerQueue, basicAuth, sendJson, serve } from './http.ts';

/**
 * A local Twilio Programmable Messaging API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json
 * with HTTP Basic (account SID + auth token, or API key SID + secret), form-encoded parameters,
 * Twilio's validation errors and its error body {code, message, more_info, status}.
 * It can also sign a status callback the way Twilio does (X-Twilio-Signature).
 */

/**
 * One scripted answer, after authentication and validation pass. A number answers Twilio's
 * usual error for that status (400: 21211 invalid 'To'; 401: 20003; 429: 20429 with
 * Retry-After: 2; 5xx: 20500); an object picks the error code; 'hang' never answers.
 */
export type TwilioAnswer = 'ok' | 'hang' | 400 | 401 | 429 | 500 | 503 | { status: number; code: number; message?: string; retryAfter?: string };

export interface TwilioRequest {
  accountSid: string;
  /** The Basic user: the account SID or an API key SID. */
  username: string;
  params: Record<string, string>;
  /** The SID the fake answered with. */
  sid: string;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** Accepted messages, parsed. */
  requests: TwilioRequest[];
  script(...answers: TwilioAnswer[]): void;
  /** The headers Twilio sends with a status callback of these parameters posted to `url`. */
  signedStatusCallback(url: string, params: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const apiKeySid = `SK${hex(16)}`;
  const apiKeySecret = randomBytes(24).toString('base64url');
  const requests: TwilioRequest[] = [];
  const answers = answerQueue<TwilioAnswer>();

  const { url, close } = await serve(handle);

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return error(res, 404, 20404, `The requested resource ${req.url} was not found`);
    const user = basicAuth(req.headers.authorization);
    const authenticated = user && ((user.name === accountSid && user.password === authToken) || (user.name === apiKeySid && user.password === apiKeySecret));
    if (!authenticated || decodeURIComponent(match[1]!) !== accountSid) return error(res, 401, 20003, 'Authenticate');

    // Twilio reads form parameters only; a JSON body reads as no parameters at all.
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams();
    const params = Object.fromEntries(form);
    if (!params.To) return error(res, 400, 21604, "A 'To' phone number is required.");
    if (!params.From && !params.MessagingServiceSid) return error(res, 400, 21603, "A 'From' phone number is required.");
    if (!params.Body && !params.MediaUrl) return error(res, 400, 21602, 'Message body is required.');
    if (!/^\+[1-9]\d{6,14}$/.test(params.To)) return error(res, 400, 21211, `The 'To' number ${params.To} is not a valid phone number.`);
    if (params.Body && params.Body.length > 1600) return error(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (params.StatusCallback && !URL.canParse(params.StatusCallback)) return error(res, 400, 21609, 'Invalid StatusCallback url.');

    const answer = answers.next();
    if (answer === 'hang') return; // answered by nobody; close() drops the connection
    if (answer === 400) return error(res, 400, 21211, `The 'To' number ${params.To} is not a valid phone number.`);
    if (answer === 401) return error(res, 401, 20003, 'Authenticate');
    if (answer === 429) return error(res, 429, 20429, 'Too Many Requests', '2');
    if (typeof answer === 'number') return error(res, answer, 20500, 'An internal server error has occurred');
    if (typeof answer === 'object') return error(res, answer.status, answer.code, answer.message ?? `Error ${answer.code}`, answer.retryAfter);

    const sid = `SM${hex(16)}`;
    requests.push({ accountSid, username: user.name, params, sid });
    const now = new Date().toUTCString();
    json(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: params.Body,
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: params.From ?? null,
      messaging_service_sid: params.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      // A messaging service first accepts the message, then picks a sender and queues it.
      status: params.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to: params.To,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  }

  return {
    url,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    requests,
    script: answers.script,
    signedStatusCallback: (url, params) => ({
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    }),
    close,
  };
}

/** Twilio's request signature: base64 HMAC-SHA1 over the URL followed by the sorted name+value pairs. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function error(res: ServerResponse, status: number, code: number, message: string, retryAfter?: string): void {
  if (retryAfter) res.setHeader('retry-after', retryAfter);
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { 'content-type': 'application/json; charset=utf-8' });
}
