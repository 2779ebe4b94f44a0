import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../test/support/fakes/apns.ts';
import { startSilentServer } from '../../../test/support/fakes/http.ts';
import { type FakeWebPush, startFakeWebPush, type WebPushAnswer } from '../../../test/support/fakes/web-push.ts';
import { type Classification, expectClassified, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import type { Provider, PushMessage } from './types.ts';
import { webPushProvider } from './webpush.ts';

const vapid = webpush.generateVAPIDKeys();
const validP256dh = webpush.generateVAPIDKeys().publicKey; // any uncompressed P-256 point

function message(token: string, overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    deliveryId: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
    requestId: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210',
    device: { deviceId: 'dev-1', token, platform: 'web' },
    title: 'Price drop',
    body: 'The bike you saved is now 90 EUR — ünïcode ✓',
    icon: 'https://market.example.com/icon.png',
    imageUrl: 'https://cdn.example.com/bike.jpg',
    action: { type: 'open_listing', url: 'https://market.example.com/l/9' },
    priority: 'high',
    ttlSeconds: 86400,
    ...overrides,
  };
}

describe('webpush provider', () => {
  let fake: FakeWebPush;
  const providers: Provider<'push'>[] = [];
  beforeAll(async () => {
    fake = await startFakeWebPush();
  });
  afterAll(() => fake.close());
  afterEach(async () => {
    fake.requests.length = 0;
    await Promise.all(providers.splice(0).map((p) => p.close?.()));
  });

  function provider(overrides: Partial<Parameters<typeof webPushProvider>[0]> = {}): Provider<'push'> {
    const p = webPushProvider(
      { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@market.example.com', caCertificate: fake.caCertificate, ...overrides },
      providerContext('webpush'),
    );
    providers.push(p);
    return p;
  }

  it('delivers a payload that decrypts to what was sent, with VAPID, TTL and Urgency', async () => {
    const subscription = fake.subscribe(vapid.publicKey);
    const result = await provider().send(message(JSON.stringify(subscription)));

    expect(result.externalId).toMatch(new RegExp(`^${fake.url}/message/[0-9a-f-]{36}$`));
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.endpoint).toBe(subscription.endpoint);
    expect(request.payload).toEqual({
      title: 'Price drop',
      body: 'The bike you saved is now 90 EUR — ünïcode ✓',
      icon: 'https://market.example.com/icon.png',
      image: 'https://cdn.example.com/bike.jpg',
      url: 'https://market.example.com/l/9',
      parley_delivery_id: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
    });
    expect(request.headers).toEqual({ ttl: '86400', urgency: 'high', topic: undefined, contentEncoding: 'aes128gcm' });
    expect(request.vapid).toMatchObject({ aud: fake.url, sub: 'mailto:ops@market.example.com', k: vapid.publicKey });
  });

  it('maps medium to normal and low to low, and leaves out what the message does not have', async () => {
    const subscription = JSON.stringify(fake.subscribe());
    const p = provider();
    await p.send(message(subscription, { priority: 'medium', ttlSeconds: 0, icon: undefined, imageUrl: undefined, action: undefined }));
    await p.send(message(subscription, { priority: 'low' }));
    expect(fake.requests.map((r) => [r.headers.urgency, r.headers.ttl])).toEqual([
      ['normal', '0'],
      ['low', '86400'],
    ]);
    expect(fake.requests[0]!.payload).toEqual({ title: 'Price drop', body: 'The bike you saved is now 90 EUR — ünïcode ✓', parley_delivery_id: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab' });
  });

  it('puts the action buttons and the URL they post to into the payload the service worker reads', async () => {
    const subscription = JSON.stringify(fake.subscribe());
    const interactive = {
      category: 'parley.message' as const,
      actions: [
        { id: 'reply', title: 'Reply', input: true },
        { id: 'mark-read', title: 'Mark as read' },
      ],
      actionUrl: 'https://parley.example/push-actions/eyJpZCI6IjEifQ.sig',
    };
    await provider().send(message(subscription, { interactive }));
    expect(fake.requests[0]!.payload).toMatchObject({
      category: 'parley.message',
      actions: [
        { action: 'reply', title: 'Reply' },
        { action: 'mark-read', title: 'Mark as read' },
      ],
      actionUrl: interactive.actionUrl,
    });
  });

  it('a subscription the browser dropped (410) is permanent invalid_token', async () => {
    const subscription = fake.subscribe();
    fake.unsubscribe(subscription.endpoint);
    const err = await failure(provider().send(message(JSON.stringify(subscription))));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_token', status: 410, invalidToken: true });
  });

  const cases: [WebPushAnswer, Classification][] = [
    [410, { kind: 'permanent', code: 'invalid_token', status: 410, invalidToken: true }],
    [404, { kind: 'permanent', code: 'invalid_token', status: 404, invalidToken: true }],
    [413, { kind: 'permanent', code: 'payload_too_large', status: 413, invalidToken: false }],
    [429, { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 60_000, invalidToken: false }],
    [500, { kind: 'retryable', code: 'server_error', status: 500, invalidToken: false }],
    [503, { kind: 'retryable', code: 'server_error', status: 503, invalidToken: false }],
  ];
  for (const [answer, expected] of cases) {
    it(`classifies ${answer}`, async () => {
      fake.script(answer);
      const err = await failure(provider().send(message(JSON.stringify(fake.subscribe()))));
      expectClassified(err, expected);
      expect(fake.requests).toHaveLength(0);
    });
  }

  it('VAPID signed with a key the subscription was not created for is refused (403): permanent unauthorized', async () => {
    const other = webpush.generateVAPIDKeys();
    const subscription = fake.subscribe(other.publicKey);
    const err = await failure(provider().send(message(JSON.stringify(subscription))));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403, invalidToken: false });
  });

  it('a VAPID token that does not verify against k is refused (401): permanent unauthorized', async () => {
    const other = webpush.generateVAPIDKeys();
    const err = await failure(provider({ vapidPrivateKey: other.privateKey }).send(message(JSON.stringify(fake.subscribe()))));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401 });
    expect(err.message).toContain('Invalid VAPID token');
  });

  const malformed: [string, string][] = [
    ['not JSON', 'not json'],
    ['no endpoint', JSON.stringify({ keys: { p256dh: 'x', auth: 'y' } })],
    ['an http endpoint', JSON.stringify({ endpoint: 'http://push.example/1', keys: { p256dh: 'x', auth: 'y' } })],
    ['no keys', JSON.stringify({ endpoint: 'https://push.example/1' })],
    ['a p256dh that is not a P-256 point', JSON.stringify({ endpoint: 'https://push.example/1', keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16).toString('base64url') } })],
    ['a short auth secret', JSON.stringify({ endpoint: 'https://push.example/1', keys: { p256dh: validP256dh, auth: Buffer.alloc(8).toString('base64url') } })],
    ['null', 'null'],
  ];
  for (const [what, token] of malformed) {
    it(`a subscription with ${what} is permanent invalid_token`, async () => {
      const err = await failure(provider().send(message(token)));
      expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_token', invalidToken: true });
      expect(err.status).toBeUndefined();
    });
  }

  it('connection refused is retryable', async () => {
    const subscription = { ...fake.subscribe(), endpoint: `${await refusedUrl('https')}/push/x` };
    const err = await failure(provider().send(message(JSON.stringify(subscription))));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a push service that does not answer within timeoutMs is a retryable timeout', async () => {
    const silent = await startSilentServer(selfSignedCertificate());
    try {
      const subscription = { ...fake.subscribe(), endpoint: `${silent.url}/push/x` };
      const err = await failure(provider({ timeoutMs: 200 }).send(message(JSON.stringify(subscription))));
      expect(err).toMatchObject({ kind: 'retryable', code: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('refuses VAPID keys web-push cannot use', () => {
    expect(() => provider({ vapidPrivateKey: 'short' })).toThrow(/webpush provider webpush/);
    expect(() => provider({ subject: 'ops@market.example.com' })).toThrow(/webpush provider webpush/);
  });
});
