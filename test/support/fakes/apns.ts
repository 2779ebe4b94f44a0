import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createSecureServer, type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { answerQueue, listen, readBytes } from './http.ts';

/**
 * A local APNs provider API: HTTP/2 over TLS, token-based authentication, Apple's
 * request checks and `{reason}` error bodies.
 */

/** A scripted answer: an APNs reason (sent with its status), or a status (sent with its usual reason). */
export type ApnsAnswer = 'ok' | keyof typeof REASON_STATUS | 429 | 500 | 503 | { unregisteredAt: number };

export interface ApnsRequest {
  deviceToken: string;
  headers: {
    authorization: string;
    'apns-topic': string;
    'apns-push-type': string;
    'apns-priority'?: string;
    'apns-expiration'?: string;
    'apns-id'?: string;
  };
  /** The provider token's verified claims. */
  token: { iss: string; iat: number; kid: string };
  payload: { aps: { alert: { title: string; body: string }; sound?: string; category?: string }; [key: string]: unknown };
}

export interface FakeApns {
  /** https://127.0.0.1:<port>, for ApnsOptions.baseUrl. */
  url: string;
  /** The fake's self-signed certificate, for ApnsOptions.caCertificate. */
  caCertificate: string;
  teamId: string;
  keyId: string;
  /** The team's signing key as PKCS#8 PEM, like the .p8 file Apple hands out. */
  privateKey: string;
  topic: string;
  requests: ApnsRequest[];
  /** How many HTTP/2 connections clients have opened. */
  readonly sessions: number;
  script(...answers: ApnsAnswer[]): void;
  /** Ends every open connection with a GOAWAY, as APNs does when it recycles a connection; resolves once they are closed. */
  dropSessions(): Promise<void>;
  close(): Promise<void>;
}

const REASON_STATUS = {
  BadDeviceToken: 400,
  DeviceTokenNotForTopic: 400,
  BadExpirationDate: 400,
  BadMessageId: 400,
  BadPriority: 400,
  InvalidPushType: 400,
  MissingTopic: 400,
  PayloadEmpty: 400,
  TopicDisallowed: 400,
  ExpiredProviderToken: 403,
  InvalidProviderToken: 403,
  MissingProviderToken: 403,
  BadPath: 404,
  MethodNotAllowed: 405,
  ExpiredToken: 410,
  Unregistered: 410,
  PayloadTooLarge: 413,
  TooManyProviderTokenUpdates: 429,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
} as const;
type Reason = keyof typeof REASON_STATUS;

const STATUS_REASON: Record<number, Reason> = { 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let certificate: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost, made once per process with the openssl CLI. */
export function selfSignedCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'parley-fake-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile],
      { stdio: 'ignore' },
    );
    certificate = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return certificate;
}

export async function startFakeApns(options: { topic?: string } = {}): Promise<FakeApns> {
  const teamId = 'PARLEYTEAM';
  const keyId = 'PARLEYKEY1';
  const topic = options.topic ?? 'com.example.parley';
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { key, cert } = selfSignedCertificate();
  const requests: ApnsRequest[] = [];
  const answers = answerQueue<ApnsAnswer>();
  const open = new Set<ServerHttp2Session>();
  let sessions = 0;

  const server = createSecureServer({ key, cert });
  server.on('session', (session) => {
    sessions += 1;
    open.add(session);
    session.on('close', () => open.delete(session));
  });
  server.on('stream', (stream, headers) => {
    void readBytes(stream).then((body) => handle(stream, headers, body));
  });

  /** The checks APNs makes, in roughly its order; the first failing one is the answer. */
  async function handle(stream: ServerHttp2Stream, h: IncomingHttpHeaders, body: Buffer): Promise<void> {
    const apnsId = typeof h['apns-id'] === 'string' ? h['apns-id'] : randomUUID();
    const fail = (reason: Reason) => answer(stream, REASON_STATUS[reason], apnsId, reason);

    const deviceToken = /^\/3\/device\/([^/?]+)$/.exec(String(h[':path']))?.[1];
    if (!deviceToken) return fail('BadPath');
    if (h[':method'] !== 'POST') return fail('MethodNotAllowed');

    const jwt = /^bearer (.+)$/.exec(String(h.authorization ?? ''))?.[1];
    if (!jwt) return fail('MissingProviderToken');
    let claims: ApnsRequest['token'];
    try {
      const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, { algorithms: ['ES256'], issuer: teamId, requiredClaims: ['iat'] });
      if (protectedHeader.kid !== keyId) return fail('InvalidProviderToken');
      claims = { iss: payload.iss!, iat: payload.iat!, kid: protectedHeader.kid };
    } catch {
      return fail('InvalidProviderToken');
    }
    if (Date.now() / 1000 - claims.iat > 3600) return fail('ExpiredProviderToken');

    if (!h['apns-topic']) return fail('MissingTopic');
    if (h['apns-topic'] !== topic) return fail('TopicDisallowed');
    if (!['alert', 'background', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity'].includes(String(h['apns-push-type']))) return fail('InvalidPushType');
    if (h['apns-priority'] !== undefined && !['1', '5', '10'].includes(String(h['apns-priority']))) return fail('BadPriority');
    if (h['apns-expiration'] !== undefined && !/^\d+$/.test(String(h['apns-expiration']))) return fail('BadExpirationDate');
    if (h['apns-id'] !== undefined && !UUID.test(String(h['apns-id']))) return fail('BadMessageId');
    if (!/^[0-9a-f]{64}$/i.test(deviceToken)) return fail('BadDeviceToken');
    if (body.length > 4096) return fail('PayloadTooLarge');
    let payload: ApnsRequest['payload'];
    try {
      payload = JSON.parse(body.toString('utf8')) as ApnsRequest['payload'];
    } catch {
      return fail('PayloadEmpty');
    }
    if (typeof payload?.aps?.alert?.title !== 'string' || typeof payload.aps.alert.body !== 'string') return fail('PayloadEmpty');

    const scripted = answers.next();
    if (typeof scripted === 'object') return answer(stream, 410, apnsId, 'Unregistered', scripted.unregisteredAt);
    if (scripted !== 'ok') {
      const reason = typeof scripted === 'number' ? STATUS_REASON[scripted]! : scripted;
      return fail(reason);
    }
    requests.push({
      deviceToken,
      headers: {
        authorization: String(h.authorization),
        'apns-topic': String(h['apns-topic']),
        'apns-push-type': String(h['apns-push-type']),
        'apns-priority': h['apns-priority'] as string | undefined,
        'apns-expiration': h['apns-expiration'] as string | undefined,
        'apns-id': h['apns-id'] as string | undefined,
      },
      token: claims,
      payload,
    });
    answer(stream, 200, apnsId);
  }

  return {
    url: await listen(server, 'https'),
    caCertificate: cert,
    teamId,
    keyId,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    topic,
    requests,
    get sessions() {
      return sessions;
    },
    script: answers.script,
    dropSessions: () => Promise.all([...open].map((session) => new Promise<void>((resolve) => session.close(resolve)))).then(() => undefined),
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of open) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `unregisteredAt`: the 410's timestamp (default now), as `{ unregisteredAt }` scripts it. */
function answer(stream: ServerHttp2Stream, status: number, apnsId: string, reason?: string, unregisteredAt = Date.now()): void {
  if (stream.destroyed) return;
  if (!reason) {
    stream.respond({ ':status': status, 'apns-id': apnsId });
    stream.end();
    return;
  }
  // 410 answers carry the time APNs last knew the token was valid.
  const body = status === 410 ? { reason, timestamp: unregisteredAt } : { reason };
  stream.respond({ ':status': status, 'apns-id': apnsId, 'content-type': 'application/json' });
  stream.end(JSON.stringify(body));
}
