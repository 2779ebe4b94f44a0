import { createDecipheriv, createECDH, type ECDH, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { importJWK, jwtVerify } from 'jose';
import { selfSignedCertificate } from './apns.ts';
import { answerQueue, closeServer, listen, readBytes, sendJson } from './http.ts';

/**
 * A local Web Push service (RFC 8030) over HTTPS: it checks the VAPID authorization
 * (RFC 8292) and, standing in for the browser, decrypts the aes128gcm payload (RFC 8291,
 * RFC 8188) with the subscription's private key, so a test proves the encryption round-trips.
 */

export type WebPushAnswer = 'ok' | 404 | 410 | 413 | 429 | 500 | 503;

export interface PushSubscriptionJSON {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface WebPushRequest {
  endpoint: string;
  headers: { ttl: string; urgency?: string; topic?: string; contentEncoding: string };
  /** The verified VAPID token's claims and the `k` public key it was verified with. */
  vapid: { aud: string; exp: number; sub: string; k: string };
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
}

export interface FakeWebPush {
  url: string;
  /** The service's self-signed certificate, for WebPushOptions.caCertificate. */
  caCertificate: string;
  requests: WebPushRequest[];
  /** A new fake browser's subscription; with applicationServerKey, only that VAPID key may push to it. */
  subscribe(applicationServerKey?: string): PushSubscriptionJSON;
  /** The browser dropped the subscription: pushes to it are answered 410 Gone. */
  unsubscribe(endpoint: string): void;
  script(...answers: WebPushAnswer[]): void;
  close(): Promise<void>;
}

interface Browser {
  ecdh: ECDH;
  auth: Buffer;
  applicationServerKey?: string;
  gone: boolean;
}

const MAX_BODY = 4096;
const URGENCIES = ['very-low', 'low', 'normal', 'high'];

export async function startFakeWebPush(): Promise<FakeWebPush> {
  const { key, cert } = selfSignedCertificate();
  const browsers = new Map<string, Browser>();
  const requests: WebPushRequest[] = [];
  const answers = answerQueue<WebPushAnswer>();

  const server = createServer({ key, cert }, (req, res) => {
    void readBytes(req).then((body) => handle(req, body, res));
  });

  async function handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const id = /^\/push\/([^/?]+)$/.exec(req.url ?? '')?.[1];
    const browser = id ? browsers.get(id) : undefined;
    if (req.method !== 'POST' || !id || !browser) return error(res, 404, 'Not Found', 'No such subscription');
    if (browser.gone) return error(res, 410, 'Gone', 'Subscription has expired or been unsubscribed');

    const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return error(res, 401, 'Unauthorized', 'Missing or malformed VAPID authorization');
    const [, jwt, k] = auth as unknown as [string, string, string];
    let vapid: WebPushRequest['vapid'];
    try {
      const raw = Buffer.from(k, 'base64url');
      if (raw.length !== 65 || raw[0] !== 0x04) throw new Error('k is not an uncompressed P-256 point');
      const publicKey = await importJWK(
        { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
        'ES256',
      );
      const { payload } = await jwtVerify(jwt, publicKey, { algorithms: ['ES256'], audience: url /* the endpoint's origin */, requiredClaims: ['exp', 'sub'] });
      if (payload.exp! > Date.now() / 1000 + 24 * 3600) throw new Error('exp is more than 24 hours ahead');
      if (!/^(mailto:|https:)/.test(String(payload.sub))) throw new Error('sub is not a mailto: or https: URL');
      vapid = { aud: String(payload.aud), exp: payload.exp!, sub: String(payload.sub), k };
    } catch (err) {
      return error(res, 401, 'Unauthorized', `Invalid VAPID token: ${(err as Error).message}`);
    }
    // RFC 8292 §4.2: the key must be the one the subscription was created with.
    if (browser.applicationServerKey && browser.applicationServerKey !== k) return error(res, 403, 'Forbidden', 'VAPID key does not match the subscription');

    const ttl = req.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) return error(res, 400, 'Bad Request', 'Missing TTL header');
    const urgency = req.headers.urgency as string | undefined;
    if (urgency !== undefined && !URGENCIES.includes(urgency)) return error(res, 400, 'Bad Request', 'Invalid Urgency header');
    const contentEncoding = req.headers['content-encoding'];
    if (contentEncoding !== 'aes128gcm') return error(res, 415, 'Unsupported Media Type', 'Content-Encoding must be aes128gcm');
    if (body.length > MAX_BODY) return error(res, 413, 'Payload Too Large', `Body exceeds ${MAX_BODY} bytes`);
    let payload: unknown;
    try {
      payload = JSON.parse(decrypt(body, browser).toString('utf8'));
    } catch (err) {
      // A real push service cannot read the payload; the browser would drop it. The fake says so.
      return error(res, 400, 'Bad Request', `Payload does not decrypt: ${(err as Error).message}`);
    }

    const answer = answers.next();
    if (answer !== 'ok') {
      if (answer === 429) res.setHeader('retry-after', '60');
      return error(res, answer, 'Scripted', `Scripted ${answer}`);
    }
    requests.push({
      endpoint: `${url}${req.url}`,
      headers: { ttl, urgency, topic: req.headers.topic as string | undefined, contentEncoding },
      vapid,
      payload,
    });
    res.writeHead(201, { location: `${url}/message/${randomUUID()}` }).end();
  }

  const url = await listen(server, 'https');

  return {
    url,
    caCertificate: cert,
    requests,
    subscribe(applicationServerKey) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(12).toString('base64url');
      browsers.set(id, { ecdh, auth, applicationServerKey, gone: false });
      return { endpoint: `${url}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    },
    unsubscribe(endpoint) {
      const browser = browsers.get(endpoint.slice(endpoint.lastIndexOf('/') + 1));
      if (browser) browser.gone = true;
    },
    script: answers.script,
    close: () => closeServer(server),
  };
}

/**
 * What the browser does with an aes128gcm push message (RFC 8291 §3.4, RFC 8188 §2):
 * header salt(16) | rs(4) | idlen(1) | keyid (the sender's ephemeral public key), then one record.
 */
function decrypt(body: Buffer, browser: Browser): Buffer {
  if (body.length < 21) throw new Error('shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, not an uncompressed P-256 key`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length < 17 || record.length > rs) throw new Error('a Web Push message is exactly one record');

  const ecdhSecret = browser.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // Content, then the delimiter 0x02 (last record), then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 0x02) throw new Error('missing the last-record delimiter');
  return padded.subarray(0, end);
}

function error(res: ServerResponse, code: number, error: string, message: string): void {
  // Mozilla autopush's error body.
  sendJson(res, code, { code, errno: 999, error, message });
}
