import { createPrivateKey, type KeyObject } from 'node:crypto';
import { type ClientHttp2Session, type ClientHttp2Stream, connect } from 'node:http2';
import { type Static, Type } from '@sinclair/typebox';
import { SignJWT } from 'jose';
import { DEFAULT_TIMEOUT_MS } from './http.ts';
import { type PushMessage, type Provider, ProviderError, type SendResult, type ProviderContext } from './types.ts';

/**
 * Apple Push Notification service over HTTP/2 with token-based (.p8 key) authentication:
 * https://developer.apple.com/documentation/usernotifications/sending-notification-requests-to-apns
 */
export const ApnsOptions = Type.Object({
  teamId: Type.String({ pattern: '^[A-Z0-9]{10}$' }),
  keyId: Type.String({ pattern: '^[A-Z0-9]{10}$' }),
  privateKey: Type.String({ minLength: 1, description: 'The .p8 signing key from the Apple developer account, as PEM text' }),
  topic: Type.String({ minLength: 1, description: "The app's bundle id" }),
  // Required on purpose: a token sent to the wrong environment is answered BadDeviceToken, which removes the device.
  production: Type.Boolean({ description: 'api.push.apple.com when true, api.sandbox.push.apple.com when false' }),
  baseUrl: Type.Optional(Type.String({ minLength: 1, description: 'Overrides the host chosen by `production`' })),
  caCertificate: Type.Optional(Type.String({ minLength: 1, description: 'PEM of a CA to trust, for a private gateway or tests' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** Apple refuses a token older than an hour and a new one more often than every 20 minutes. */
const TOKEN_REFRESH_MS = 50 * 60_000;

interface ApnsResponse {
  status: number;
  apnsId?: string;
  body: string;
}

export function apnsProvider(options: Static<typeof ApnsOptions>, context: ProviderContext): Provider<'push'> {
  const key = signingKey(options.privateKey, context.name);
  const origin = (options.baseUrl ?? (options.production ? 'https://api.push.apple.com' : 'https://api.sandbox.push.apple.com')).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let token: { jwt: Promise<string>; issuedAt: number } | undefined;
  /** The provider token, re-signed every 50 minutes; concurrent sends share one. */
  function providerToken(): Promise<string> {
    if (!token || Date.now() - token.issuedAt >= TOKEN_REFRESH_MS) {
      const jwt = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: options.keyId }).setIssuer(options.teamId).setIssuedAt().sign(key);
      token = { jwt, issuedAt: Date.now() };
    }
    return token.jwt;
  }

  // One HTTP/2 connection, kept open and multiplexed, as Apple asks; replaced once it ends.
  let current: ClientHttp2Session | undefined;
  function session(): ClientHttp2Session {
    if (current && !current.closed && !current.destroyed) return current;
    const s = connect(origin, options.caCertificate ? { ca: options.caCertificate } : {});
    const forget = () => {
      if (current === s) current = undefined;
    };
    s.on('error', (err) => {
      context.log.warn({ err: err.message }, 'apns: connection error');
      forget();
    });
    s.on('goaway', forget);
    s.on('close', forget);
    current = s;
    return s;
  }

  function post(path: string, headers: Record<string, string>, body: string): Promise<ApnsResponse> {
    return new Promise((resolve, reject) => {
      const s = session();
      const failed = (code: string, message: string) => reject(new ProviderError('retryable', code, message));
      let stream: ClientHttp2Stream;
      try {
        stream = s.request({ ':method': 'POST', ':path': path, ...headers });
      } catch (err) {
        // The session ended between session() and here (e.g. a GOAWAY): the next send reconnects.
        s.destroy();
        return failed('connection_failed', `Could not reach ${new URL(origin).host}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const timer = setTimeout(() => {
        // A connection that leaves a request unanswered this long is not trusted with the next one.
        s.destroy();
        failed('timeout', `No answer from ${new URL(origin).host} within ${timeoutMs} ms`);
      }, timeoutMs);
      let response: Omit<ApnsResponse, 'body'> | undefined;
      let text = '';
      stream.setEncoding('utf8');
      stream.on('response', (h) => {
        response = { status: Number(h[':status']), apnsId: header(h['apns-id']) };
      });
      stream.on('data', (chunk: string) => {
        text += chunk;
      });
      stream.on('end', () => {
        clearTimeout(timer);
        if (response) resolve({ ...response, body: text });
        else failed('connection_failed', `${new URL(origin).host} closed the stream without an answer`);
      });
      stream.on('error', (err: NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }) => {
        clearTimeout(timer);
        // A stream cancelled by a failing session carries the session's error (ECONNREFUSED, a TLS error) as its cause.
        const cause = err.cause ?? err;
        failed('connection_failed', `Could not reach ${new URL(origin).host}: ${cause.code ?? cause.message}`);
      });
      stream.end(body);
    });
  }

  return {
    channel: 'push',
    type: 'apns',
    name: context.name,
    endpoint: origin,
    platforms: ['ios'],
    async send(message: PushMessage): Promise<SendResult> {
      const deviceToken = message.device.token;
      // The token goes into the path: anything but hex is refused here, as APNs would.
      if (!/^[0-9a-fA-F]+$/.test(deviceToken)) {
        throw new ProviderError('permanent', 'invalid_token', 'APNs device token is not hex', { invalidToken: true });
      }
      const jwt = providerToken();
      const headers = {
        authorization: `bearer ${await jwt}`,
        'apns-topic': options.topic,
        'apns-push-type': 'alert',
        'apns-priority': message.priority === 'high' ? '10' : '5',
        // 0 asks APNs to try once and not store the notification.
        'apns-expiration': String(message.ttlSeconds > 0 ? Math.floor(Date.now() / 1000) + message.ttlSeconds : 0),
        // APNs' notification id: our idempotency key, and what its answer echoes back.
        'apns-id': message.deliveryId,
      };
      const buttons = message.interactive;
      const payload = {
        // category: the UNNotificationCategory the app registered; its actions show as buttons.
        aps: { alert: { title: message.title, body: message.body }, sound: 'default', ...(buttons ? { category: buttons.category } : {}) },
        parley_delivery_id: message.deliveryId,
        parley_request_id: message.requestId,
        ...(message.action?.url ? { action_url: message.action.url } : {}),
        ...(buttons ? { parley_action_url: buttons.actionUrl } : {}),
      };
      const response = await post(`/3/device/${deviceToken}`, headers, JSON.stringify(payload));
      if (response.status === 200) return { externalId: response.apnsId };
      const error = classify(response);
      // A rejected provider token is re-signed for the next attempt (unless a concurrent send already did).
      if (error.code === 'provider_token_rejected' && token?.jwt === jwt) token = undefined;
      throw error;
    },
    async close(): Promise<void> {
      const s = current;
      current = undefined;
      if (s && !s.closed && !s.destroyed) await new Promise<void>((resolve) => s.close(resolve));
    },
  };
}

function signingKey(pem: string, name: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return key;
  } catch {
    // reported below
  }
  throw new Error(`apns provider ${name}: privateKey is not a P-256 private key in PEM (the .p8 file)`);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** https://developer.apple.com/documentation/usernotifications/handling-notification-responses-from-apns */
function classify(response: ApnsResponse): ProviderError {
  const { status } = response;
  let reason: string | undefined;
  let timestamp: unknown;
  try {
    ({ reason, timestamp } = JSON.parse(response.body) as { reason?: string; timestamp?: unknown });
  } catch {
    reason = undefined;
  }
  const message = `APNs answered ${status}${reason ? ` ${reason}` : ''}`;
  if (status === 410) {
    // "The last time at which APNs confirmed that the device token was no longer valid for the
    // topic" (milliseconds since the epoch): stop pushing until the app registers a token after it.
    const at = typeof timestamp === 'number' && Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp) : new Date();
    return new ProviderError('permanent', 'invalid_token', message, { status, invalidToken: true, unregisteredAt: at });
  }
  if (reason === 'BadDeviceToken' || reason === 'DeviceTokenNotForTopic') {
    return new ProviderError('permanent', 'invalid_token', message, { status, invalidToken: true });
  }
  if (reason === 'ExpiredProviderToken' || reason === 'InvalidProviderToken') {
    return new ProviderError('retryable', 'provider_token_rejected', message, { status });
  }
  if (status === 413) return new ProviderError('permanent', 'payload_too_large', message, { status });
  // APNs sends no Retry-After: the dispatcher's own backoff applies.
  if (status === 429) return new ProviderError('retryable', 'rate_limited', message, { status });
  if (status >= 500) return new ProviderError('retryable', 'server_error', message, { status });
  if (status === 403) return new ProviderError('permanent', 'unauthorized', message, { status });
  return new ProviderError('permanent', 'invalid_request', message, { status });
}
