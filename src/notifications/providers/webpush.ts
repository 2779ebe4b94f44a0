import { ECDH } from 'node:crypto';
import { Agent } from 'node:https';
import { type Static, Type } from '@sinclair/typebox';
import webpush from 'web-push';
import { DEFAULT_TIMEOUT_MS, parseRetryAfter } from './http.ts';
import { type PushMessage, type Provider, ProviderError, type SendResult, type ProviderContext } from './types.ts';

/**
 * Web Push (RFC 8030) to the browser's push service, with VAPID (RFC 8292) and aes128gcm
 * payload encryption (RFC 8291), through the `web-push` library.
 */
export const WebPushOptions = Type.Object({
  // The raw P-256 keys in base64url, as `web-push generate-vapid-keys` prints them.
  vapidPublicKey: Type.String({ pattern: '^[A-Za-z0-9_-]{87}$' }),
  vapidPrivateKey: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  subject: Type.String({ pattern: '^(mailto:|https://)', description: 'A contact for the push services: mailto: or https: URL' }),
  caCertificate: Type.Optional(Type.String({ minLength: 1, description: 'PEM of a CA to trust instead of the system ones, for a private push service or tests' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1, description: 'Socket inactivity timeout' })),
});

interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const URGENCY = { high: 'high', medium: 'normal', low: 'low' } as const;

export function webPushProvider(options: Static<typeof WebPushOptions>, context: ProviderContext): Provider<'push'> {
  const vapidDetails = { subject: options.subject, publicKey: options.vapidPublicKey, privateKey: options.vapidPrivateKey };
  try {
    // Signs a throwaway VAPID token: bad keys or subject fail at startup, not on every send.
    webpush.getVapidHeaders('https://push.example', vapidDetails.subject, vapidDetails.publicKey, vapidDetails.privateKey, 'aes128gcm');
  } catch (err) {
    throw new Error(`webpush provider ${context.name}: ${(err as Error).message}`);
  }
  // Keeps connections to each push service open between sends.
  const agent = new Agent({ keepAlive: true, ...(options.caCertificate ? { ca: options.caCertificate } : {}) });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    channel: 'push',
    type: 'webpush',
    name: context.name,
    platforms: ['web'],
    async send(message: PushMessage): Promise<SendResult> {
      const subscription = parseSubscription(message.device.token);
      const payload = JSON.stringify({
        title: message.title,
        body: message.body,
        icon: message.icon,
        image: message.imageUrl,
        url: message.action?.url,
        parley_delivery_id: message.deliveryId,
        // The service worker shows these as the notification's actions and posts to actionUrl.
        ...(message.interactive
          ? { category: message.interactive.category, actions: message.interactive.actions.map((a) => ({ action: a.id, title: a.title })), actionUrl: message.interactive.actionUrl }
          : {}),
      });
      try {
        const result = await webpush.sendNotification(subscription, payload, {
          vapidDetails,
          TTL: message.ttlSeconds,
          urgency: URGENCY[message.priority],
          contentEncoding: 'aes128gcm',
          timeout: timeoutMs,
          agent,
        });
        return { externalId: result.headers.location };
      } catch (err) {
        throw classify(err, new URL(subscription.endpoint).host, timeoutMs);
      }
    },
    async close(): Promise<void> {
      agent.destroy();
    },
  };
}

/** The browser's PushSubscription JSON; anything unusable is a token to remove. */
function parseSubscription(token: string): Subscription {
  const invalid = (why: string) => new ProviderError('permanent', 'invalid_token', `Web Push subscription ${why}`, { invalidToken: true });
  let value: Partial<Subscription> | null;
  try {
    value = JSON.parse(token) as Partial<Subscription> | null;
  } catch {
    throw invalid('is not JSON');
  }
  const endpoint = value?.endpoint;
  if (typeof endpoint !== 'string' || !URL.canParse(endpoint) || new URL(endpoint).protocol !== 'https:') throw invalid('has no https endpoint');
  const { p256dh, auth } = value?.keys ?? {};
  if (typeof p256dh !== 'string' || !isP256Point(p256dh)) throw invalid('has no valid keys.p256dh');
  if (typeof auth !== 'string' || Buffer.from(auth, 'base64url').length !== 16) throw invalid('has no valid keys.auth');
  return { endpoint, keys: { p256dh, auth } };
}

function isP256Point(base64url: string): boolean {
  const bytes = Buffer.from(base64url, 'base64url');
  if (bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    ECDH.convertKey(bytes, 'prime256v1'); // throws when the point is not on the curve
    return true;
  } catch {
    return false;
  }
}

function classify(err: unknown, host: string, timeoutMs: number): ProviderError {
  if (!(err instanceof webpush.WebPushError)) {
    // web-push rejects with a plain Error for a socket timeout and with the system error otherwise.
    const e = err as NodeJS.ErrnoException;
    if (e.message === 'Socket timeout') return new ProviderError('retryable', 'timeout', `No answer from ${host} within ${timeoutMs} ms`);
    return new ProviderError('retryable', 'connection_failed', `Could not reach ${host}: ${e.code ?? e.message}`);
  }
  const status = err.statusCode;
  const retryAfterMs = parseRetryAfter(err.headers['retry-after']);
  const message = `${host} answered ${status}${err.body ? `: ${err.body.slice(0, 500)}` : ''}`;
  if (status === 404 || status === 410) return new ProviderError('permanent', 'invalid_token', message, { status, invalidToken: true });
  if (status === 413) return new ProviderError('permanent', 'payload_too_large', message, { status });
  if (status === 429) return new ProviderError('retryable', 'rate_limited', message, { status, retryAfterMs });
  if (status === 408) return new ProviderError('retryable', 'timeout', message, { status, retryAfterMs });
  if (status >= 500) return new ProviderError('retryable', 'server_error', message, { status, retryAfterMs });
  // 401/403: the push service refused our VAPID token or key.
  if (status === 401 || status === 403) return new ProviderError('permanent', 'unauthorized', message, { status });
  return new ProviderError('permanent', 'invalid_request', message, { status });
}
