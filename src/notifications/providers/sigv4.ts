import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one request, as documented in "Create a signed AWS API request":
 * canonical request → string to sign → derived signing key → signature → Authorization header.
 * Written by hand so the SES adapter needs no AWS SDK.
 */

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: string;
  /** Headers to sign besides host, x-amz-date and the optional ones added here (e.g. content-type). */
  headers: Record<string, string>;
  body: string;
}

export interface SigV4Options {
  credentials: SigV4Credentials;
  region: string;
  service: string;
  date?: Date;
  /** Also send and sign x-amz-content-sha256 (required by S3, accepted by every service). */
  contentSha256?: boolean;
}

export interface SignedRequest {
  /** Every header to send: the request's own plus host, x-amz-*, and authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function signV4(request: SigV4Request, options: SigV4Options): SignedRequest {
  const url = new URL(request.url);
  const amzDate = (options.date ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(request.body);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  headers['x-amz-date'] = amzDate;
  if (options.contentSha256) headers['x-amz-content-sha256'] = payloadHash;
  if (options.credentials.sessionToken) headers['x-amz-security-token'] = options.credentials.sessionToken;

  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    ...names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');

  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = [day, options.region, options.service, 'aws4_request'].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${options.credentials.secretAccessKey}`);
  const signature = hmac(key, stringToSign).toString('hex');

  headers.authorization = `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign, signature };
}

/** RFC 3986 encoding: everything but unreserved characters, with uppercase hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Every service but S3 wants each path segment encoded twice; URL.pathname is already encoded
 * once, so encoding its segments again gives exactly that.
 */
function canonicalPath(pathname: string): string {
  return pathname.split('/').map(uriEncode).join('/') || '/';
}

function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Sorting by code point, as the spec requires (localeCompare would not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
