import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerQueue, sendJson, serve } from './http.ts';

/**
 * A local Amazon SES API v2: POST /v2/email/outbound-emails (SendEmail). It checks the AWS
 * Signature Version 4 itself, with its own implementation (deliberately not the adapter's
 * sigv4.ts), and answers like SES: 200 {MessageId}, or an error type in x-amzn-ErrorType with
 * a JSON {message}.
 */

export const SES_CREDENTIALS = { accessKeyId: 'AKIDFAKESES0EXAMPLE', secretAccessKey: 'fake/ses+secret/for-tests0000000000EXAMPLE' };

export type SesAnswer = 'ok' | number | { status: number; type?: string; message?: string; headers?: Record<string, string> };

export interface SesRequest {
  headers: IncomingMessage['headers'];
  body: SendEmailBody;
  messageId: string;
}

export interface SendEmailBody {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[] };
  ReplyToAddresses?: string[];
  Content: {
    Simple: {
      Subject: { Data: string; Charset?: string };
      Body: { Text?: { Data: string; Charset?: string }; Html?: { Data: string; Charset?: string } };
      /** Extra header fields (MessageHeader: Name, Value), at most 15. */
      Headers?: { Name: string; Value: string }[];
    };
  };
  EmailTags?: { Name: string; Value: string }[];
  ConfigurationSetName?: string;
}

export interface SesFake {
  url: string;
  region: string;
  /** Accepted (200) requests, oldest first. */
  requests: SesRequest[];
  /** Answers for the next well-formed, correctly signed requests, one each; then 'ok' again. */
  script(...answers: SesAnswer[]): void;
  close(): Promise<void>;
}

interface SesError {
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
}

function canned(status: number): SesError {
  switch (status) {
    case 400:
      return { status, type: 'MessageRejected', message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: someone@example.com' };
    case 403:
      return { status, type: 'AccessDeniedException', message: 'User is not authorized to perform ses:SendEmail' };
    case 429:
      return { status, type: 'TooManyRequestsException', message: 'Too Many Requests', headers: { 'retry-after': '1' } };
    case 500:
      return { status, type: 'InternalFailure', message: 'The request processing has failed because of an unknown error, exception or failure.' };
    case 503:
      return { status, type: 'ServiceUnavailable', message: 'Service Unavailable' };
    default:
      return { status, type: status >= 500 ? 'InternalFailure' : 'BadRequestException', message: `Error ${status}` };
  }
}

export async function startSesFake(options: { region?: string; accessKeyId?: string; secretAccessKey?: string; sessionToken?: string } = {}): Promise<SesFake> {
  const region = options.region ?? 'us-east-1';
  const accessKeyId = options.accessKeyId ?? SES_CREDENTIALS.accessKeyId;
  const secret = options.secretAccessKey ?? SES_CREDENTIALS.secretAccessKey;
  const requests: SesRequest[] = [];
  const answers = answerQueue<SesAnswer>();

  const { url, close } = await serve((req, raw, res) => {
    const authError = checkSignature(req, raw, { region, accessKeyId, secret, sessionToken: options.sessionToken });
    if (authError) return fail(res, authError);
    if (req.method !== 'POST' || req.url !== '/v2/email/outbound-emails') return fail(res, { status: 404, type: 'NotFoundException', message: 'Not Found' });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fail(res, { status: 400, type: 'SerializationException', message: 'Malformed JSON' });
    }
    const invalid = validate(body);
    if (invalid) return fail(res, { status: 400, type: 'BadRequestException', message: invalid });

    const answer = answers.next();
    if (answer === 'ok') {
      const messageId = `0100${randomBytes(6).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-000000`;
      requests.push({ headers: req.headers, body: body as SendEmailBody, messageId });
      return send(res, 200, { MessageId: messageId });
    }
    fail(res, typeof answer === 'number' ? canned(answer) : { ...canned(answer.status), ...answer });
  });

  return { url, region, requests, script: answers.script, close };
}

/** The SigV4 checks AWS makes, in its order, with its error types. */
function checkSignature(req: IncomingMessage, body: string, expect: { region: string; accessKeyId: string; secret: string; sessionToken?: string }): SesError | undefined {
  const deny = (type: string, message: string): SesError => ({ status: 403, type, message });
  const auth = header(req, 'authorization');
  if (!auth) return deny('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { status: 400, type: 'IncompleteSignatureException', message: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth}` };
  const [, keyId, day, region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];
  if (keyId !== expect.accessKeyId) return deny('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (expect.sessionToken && header(req, 'x-amz-security-token') !== expect.sessionToken) return deny('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const amzDate = header(req, 'x-amz-date') ?? '';
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when) return deny('IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  const at = Date.UTC(+when[1]!, +when[2]! - 1, +when[3]!, +when[4]!, +when[5]!, +when[6]!);
  if (Math.abs(Date.now() - at) > 5 * 60_000) return deny('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier or later than the allowed 5 minutes.`);
  if (day !== amzDate.slice(0, 8)) return deny('SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${amzDate.slice(0, 8)}'`);
  if (region !== expect.region) return deny('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${region}'.`);
  if (service !== 'ses') return deny('SignatureDoesNotMatch', `Credential should be scoped to correct service: 'ses'.`);

  const signed = signedHeaderList.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date') || (expect.sessionToken && !signed.includes('x-amz-security-token'))) {
    return deny('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  const target = new URL(req.url ?? '/', 'http://fake');
  const strictEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const query = [...target.searchParams]
    .map(([k, v]) => [strictEncode(k), strictEncode(v)])
    .sort(([ak, av], [bk, bv]) => (ak! < bk! ? -1 : ak! > bk! ? 1 : av! < bv! ? -1 : av! > bv! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    req.method ?? '',
    target.pathname.split('/').map(strictEncode).join('/'),
    query,
    signed.map((name) => `${name}:${(header(req, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaderList,
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  let key: Buffer = createHmac('sha256', 'AWS4' + expect.secret).update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(toSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return deny(
      'SignatureDoesNotMatch',
      `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
    );
  }
  return undefined;
}

/** The SendEmail request checks that matter for the adapter, with SES's messages. */
function validate(body: unknown): string | undefined {
  const b = (body ?? {}) as Partial<SendEmailBody>;
  if (typeof b.FromEmailAddress !== 'string' || !b.FromEmailAddress) return 'Missing required field FromEmailAddress';
  const to = b.Destination?.ToAddresses;
  if (!Array.isArray(to) || to.length === 0) return 'Missing required field Destination';
  if (to.some((a) => typeof a !== 'string' || !/@[^@\s]+$/.test(a))) return "Missing final '@domain'";
  const simple = b.Content?.Simple;
  if (!simple) return 'Missing required field Content';
  if (typeof simple.Subject?.Data !== 'string') return 'Missing required field Subject';
  if (!simple.Body || (simple.Body.Text === undefined && simple.Body.Html === undefined)) return 'Missing required field Body';
  if (simple.Headers !== undefined) {
    if (!Array.isArray(simple.Headers) || simple.Headers.length > 15) return 'Headers must be a list of at most 15 MessageHeader';
    const seen = new Set<string>();
    for (const h of simple.Headers) {
      if (typeof h?.Name !== 'string' || !/^[!-9;-~]{1,126}$/.test(h.Name)) return `Invalid header name ${String(h?.Name)}`;
      if (typeof h.Value !== 'string' || h.Value.length > 870 || /[\r\n]/.test(h.Value)) return `Invalid value for header ${h.Name}`;
      const name = h.Name.toLowerCase();
      // SES builds these from the request's own fields; they cannot come as Headers.
      if (['from', 'to', 'cc', 'bcc', 'subject', 'reply-to', 'return-path', 'content-type', 'mime-version'].includes(name)) return `Header ${h.Name} cannot be set in Headers`;
      if (seen.has(name)) return `Header ${h.Name} appears more than once`;
      seen.add(name);
    }
  }
  for (const tag of b.EmailTags ?? []) {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(tag.Name) || !/^[A-Za-z0-9_-]{1,256}$/.test(tag.Value)) return `Invalid tag ${tag.Name}: names and values may only contain ASCII letters, numbers, underscores and dashes.`;
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function fail(res: ServerResponse, error: SesError): void {
  send(res, error.status, { message: error.message }, { 'x-amzn-errortype': `${error.type}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`, ...error.headers });
}

/** Every SES answer carries a request id. */
function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { 'x-amzn-requestid': randomBytes(16).toString('hex'), ...headers });
}
