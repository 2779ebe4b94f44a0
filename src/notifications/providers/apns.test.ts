import { generateKeyPairSync } from 'node:crypto';
import { createSecureServer } from 'node:http2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApnsAnswer, type FakeApns, selfSignedCertificate, startFakeApns } from '../../../test/support/fakes/apns.ts';
import { listen } from '../../../test/support/fakes/http.ts';
import { type Classification, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import { apnsProvider } from './apns.ts';
import type { Provider, PushMessage } from './types.ts';

const DEVICE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

function message(overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    deliveryId: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
    requestId: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210',
    device: { deviceId: 'dev-1', token: DEVICE, platform: 'ios' },
    title: 'New offer',
    body: 'Bob offered 120 EUR',
    action: { type: 'open_offer', url: 'https://market.example.com/o/7' },
    priority: 'high',
    ttlSeconds: 600,
    ...overrides,
  };
}

describe('apns provider', () => {
  let fake: FakeApns;
  const providers: Provider<'push'>[] = [];
  beforeAll(async () => {
    fake = await startFakeApns();
  });
  afterAll(() => fake.close());
  afterEach(async () => {
    fake.requests.length = 0;
    vi.useRealTimers();
    await Promise.all(providers.splice(0).map((p) => p.close?.()));
  });

  function provider(overrides: Partial<Parameters<typeof apnsProvider>[0]> = {}): Provider<'push'> {
    const p = apnsProvider(
      {
        teamId: fake.teamId,
        keyId: fake.keyId,
        privateKey: fake.privateKey,
        topic: fake.topic,
        production: true,
        baseUrl: fake.url,
        caCertificate: fake.caCertificate,
        ...overrides,
      },
      providerContext('apns'),
    );
    providers.push(p);
    return p;
  }

  it('posts the alert over HTTP/2 with the provider token and returns the apns-id', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const now = Date.parse('2030-01-01T00:00:00Z') / 1000;
    const result = await provider().send(message());

    expect(result.externalId).toBe('0190f5c2-7a3b-7c4d-8e5f-0123456789ab');
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.deviceToken).toBe(DEVICE);
    expect(request.headers).toEqual({
      authorization: expect.stringMatching(/^bearer ey/),
      'apns-topic': 'com.example.parley',
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-expiration': String(now + 600),
      'apns-id': '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
    });
    expect(request.token).toEqual({ iss: 'PARLEYTEAM', kid: 'PARLEYKEY1', iat: now });
    expect(request.payload).toEqual({
      aps: { alert: { title: 'New offer', body: 'Bob offered 120 EUR' }, sound: 'default' },
      parley_delivery_id: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
      parley_request_id: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210',
      action_url: 'https://market.example.com/o/7',
    });
  });

  it('sends priority 5 below high, and expiration 0 for a ttl of 0', async () => {
    await provider().send(message({ priority: 'low', ttlSeconds: 0, action: undefined }));
    const request = fake.requests[0]!;
    expect(request.headers['apns-priority']).toBe('5');
    expect(request.headers['apns-expiration']).toBe('0');
    expect(request.payload).not.toHaveProperty('action_url');
  });

  it('names the category the app registered, so its actions show, and carries the URL they post to', async () => {
    const interactive = {
      category: 'parley.order-shipped' as const,
      actions: [
        { id: 'confirm-receipt', title: 'Confirm receipt' },
        { id: 'view-order', title: 'View order', opensApp: true },
      ],
      actionUrl: 'https://parley.example/push-actions/eyJpZCI6IjEifQ.sig',
    };
    await provider().send(message({ interactive }));
    const payload = fake.requests[0]!.payload;
    expect(payload.aps).toEqual({ alert: { title: 'New offer', body: 'Bob offered 120 EUR' }, sound: 'default', category: 'parley.order-shipped' });
    expect(payload.parley_action_url).toBe(interactive.actionUrl);
  });

  it('reuses one HTTP/2 session and one provider token across sends', async () => {
    const p = provider();
    const before = fake.sessions;
    await Promise.all([p.send(message()), p.send(message()), p.send(message())]);
    await p.send(message());
    expect(fake.requests).toHaveLength(4);
    expect(fake.sessions).toBe(before + 1);
    expect(new Set(fake.requests.map((r) => r.headers.authorization)).size).toBe(1);
  });

  it('reconnects when APNs ends the connection', async () => {
    const p = provider();
    const before = fake.sessions;
    await p.send(message());
    await fake.dropSessions();
    await p.send(message());
    expect(fake.sessions).toBe(before + 2);
  });

  it('close() ends the session; a later send opens a new one', async () => {
    const p = provider();
    const before = fake.sessions;
    await p.send(message());
    await p.close!();
    await p.send(message());
    expect(fake.sessions).toBe(before + 2);
  });

  it('signs a new provider token after 50 minutes, not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const p = provider();
    await p.send(message());
    vi.setSystemTime(Date.now() + 49 * 60_000);
    await p.send(message());
    vi.setSystemTime(Date.now() + 60_000);
    await p.send(message());
    const [first, second, third] = fake.requests;
    expect(second!.headers.authorization).toBe(first!.headers.authorization);
    expect(third!.headers.authorization).not.toBe(second!.headers.authorization);
    expect(third!.token.iat - first!.token.iat).toBe(50 * 60);
  });

  it('ExpiredProviderToken drops the cached token: retryable, and the next send signs a new one', async () => {
    const p = provider();
    await p.send(message());
    fake.script('ExpiredProviderToken');
    const err = await failure(p.send(message()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'provider_token_rejected', status: 403, invalidToken: false });
    await p.send(message());
    expect(fake.requests[1]!.headers.authorization).not.toBe(fake.requests[0]!.headers.authorization);
  });

  const cases: [ApnsAnswer, Classification][] = [
    ['BadDeviceToken', { kind: 'permanent', code: 'invalid_token', status: 400, invalidToken: true }],
    ['DeviceTokenNotForTopic', { kind: 'permanent', code: 'invalid_token', status: 400, invalidToken: true }],
    ['Unregistered', { kind: 'permanent', code: 'invalid_token', status: 410, invalidToken: true }],
    ['ExpiredToken', { kind: 'permanent', code: 'invalid_token', status: 410, invalidToken: true }],
    ['BadExpirationDate', { kind: 'permanent', code: 'invalid_request', status: 400, invalidToken: false }],
    ['PayloadTooLarge', { kind: 'permanent', code: 'payload_too_large', status: 413, invalidToken: false }],
    ['InvalidProviderToken', { kind: 'retryable', code: 'provider_token_rejected', status: 403, invalidToken: false }],
    ['MissingProviderToken', { kind: 'permanent', code: 'unauthorized', status: 403, invalidToken: false }],
    [429, { kind: 'retryable', code: 'rate_limited', status: 429, invalidToken: false }],
    [500, { kind: 'retryable', code: 'server_error', status: 500, invalidToken: false }],
    [503, { kind: 'retryable', code: 'server_error', status: 503, invalidToken: false }],
  ];
  for (const [answer, expected] of cases) {
    it(`classifies ${answer}`, async () => {
      fake.script(answer);
      const err = await failure(provider().send(message()));
      expect(err).toMatchObject(expected);
      expect(err.message).toContain(typeof answer === 'number' ? String(answer) : answer);
      expect(fake.requests).toHaveLength(0);
    });
  }

  it('a 410 Unregistered carries the time APNs last knew the token valid (its timestamp), so sends stop until a later registration', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    fake.script({ unregisteredAt: at });
    const err = await failure(provider().send(message()));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_token', status: 410, invalidToken: true });
    expect(err.unregisteredAt?.toISOString()).toBe(new Date(at).toISOString());
    fake.script('BadDeviceToken');
    expect((await failure(provider().send(message()))).unregisteredAt).toBeUndefined();
  });

  it('a topic the key may not push to is refused by APNs: permanent', async () => {
    const err = await failure(provider({ topic: 'com.example.other' }).send(message()));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_request', status: 400 });
    expect(err.message).toContain('TopicDisallowed');
  });

  it("a token signed with another team's key is InvalidProviderToken", async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const err = await failure(provider({ privateKey: other }).send(message()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'provider_token_rejected', status: 403 });
    expect(err.message).toContain('InvalidProviderToken');
  });

  it('a device token that is not hex is permanent invalid_token without a request', async () => {
    const err = await failure(provider().send(message({ device: { deviceId: 'd', token: '../../evil', platform: 'ios' } })));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_token', invalidToken: true });
    expect(fake.requests).toHaveLength(0);
  });

  it('connection refused is retryable', async () => {
    const err = await failure(provider({ baseUrl: await refusedUrl('https') }).send(message()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a certificate it does not trust is a retryable connection failure', async () => {
    const err = await failure(provider({ caCertificate: undefined }).send(message()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
    expect(err.message).toMatch(/SELF_SIGNED_CERT/);
  });

  it('no answer within timeoutMs is a retryable timeout', async () => {
    const { key, cert } = selfSignedCertificate();
    const silent = createSecureServer({ key, cert }); // accepts streams, never answers them
    const url = await listen(silent, 'https');
    try {
      const err = await failure(provider({ baseUrl: url, timeoutMs: 200 }).send(message()));
      expect(err).toMatchObject({ kind: 'retryable', code: 'timeout' });
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a private key that is not a P-256 key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => provider({ privateKey: rsa })).toThrow(/P-256/);
    expect(() => provider({ privateKey: 'not a key' })).toThrow(/P-256/);
  });
});
