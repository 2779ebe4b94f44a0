import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeFcm, startFakeFcm } from '../../../test/support/fakes/fcm.ts';
import { startSilentServer } from '../../../test/support/fakes/http.ts';
import { type Classification, expectClassified, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import { fcmProvider } from './fcm.ts';
import type { PushMessage } from './types.ts';

const context = providerContext('fcm');

function message(overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    deliveryId: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
    requestId: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210',
    device: { deviceId: 'dev-1', token: 'fcm-registration-token-1', platform: 'android' },
    title: 'New message',
    body: 'Alice: is the bike still available?',
    imageUrl: 'https://cdn.example.com/bike.jpg',
    action: { type: 'open_conversation', url: 'https://market.example.com/c/42' },
    priority: 'high',
    ttlSeconds: 3600,
    ...overrides,
  };
}

describe('fcm provider', () => {
  let fake: FakeFcm;
  beforeAll(async () => {
    fake = await startFakeFcm();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    vi.useRealTimers();
  });

  const provider = (overrides: { timeoutMs?: number; projectId?: string } = {}) =>
    fcmProvider({ serviceAccount: fake.serviceAccount, baseUrl: fake.url, ...overrides }, context);

  it('sends the v1 message with a bearer token from the service-account exchange and returns the message name', async () => {
    const before = fake.exchanges;
    const result = await provider().send(message());

    expect(fake.exchanges).toBe(before + 1);
    expect(result.externalId).toMatch(/^projects\/parley-test\/messages\/0:1%[0-9a-f]+$/);
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.project).toBe('parley-test');
    expect(request.authorization).toMatch(/^Bearer ya29\./);
    expect(request.message).toEqual({
      token: 'fcm-registration-token-1',
      notification: { title: 'New message', body: 'Alice: is the bike still available?', image: 'https://cdn.example.com/bike.jpg' },
      data: {
        parley_delivery_id: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab',
        parley_request_id: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210',
        action_type: 'open_conversation',
        action_url: 'https://market.example.com/c/42',
      },
      android: { priority: 'high', ttl: '3600s' },
      apns: { headers: { 'apns-priority': '10' } },
      webpush: { headers: { TTL: '3600' }, fcm_options: { link: 'https://market.example.com/c/42' } },
    });
  });

  it('maps a non-high priority to normal / 5 and leaves out what the message does not have', async () => {
    await provider().send(message({ priority: 'medium', ttlSeconds: 60, imageUrl: undefined, action: undefined }));
    const m = fake.requests[0]!.message;
    expect(m.notification).toEqual({ title: 'New message', body: 'Alice: is the bike still available?' });
    expect(m.data).toEqual({ parley_delivery_id: '0190f5c2-7a3b-7c4d-8e5f-0123456789ab', parley_request_id: '0190f5c2-7a3b-7c4d-8e5f-ba9876543210' });
    expect(m.android).toEqual({ priority: 'normal', ttl: '60s' });
    expect(m.apns.headers['apns-priority']).toBe('5');
    expect(m.webpush).toEqual({ headers: { TTL: '60' } });
  });

  it('carries action buttons: the category as Android click_action and APNs category, Web Push actions, and the action URL as data', async () => {
    const interactive = {
      category: 'parley.message' as const,
      actions: [
        { id: 'reply', title: 'Reply', input: true },
        { id: 'mark-read', title: 'Mark as read' },
      ],
      actionUrl: 'https://parley.example/push-actions/eyJpZCI6IjEifQ.sig',
    };
    await provider().send(message({ interactive, action: undefined }));
    const m = fake.requests[0]!.message;
    expect(m.android).toEqual({ priority: 'high', ttl: '3600s', notification: { click_action: 'parley.message' } });
    expect(m.apns).toEqual({ headers: { 'apns-priority': '10' }, payload: { aps: { category: 'parley.message' } } });
    expect(m.webpush.notification).toEqual({ actions: [{ action: 'reply', title: 'Reply' }, { action: 'mark-read', title: 'Mark as read' }] });
    expect(m.data).toMatchObject({ parley_category: 'parley.message', parley_action_url: interactive.actionUrl });
    expect(JSON.parse(m.data.parley_actions!)).toEqual(interactive.actions);
  });

  it('exchanges the token once and reuses it across sends, including concurrent ones', async () => {
    const p = provider();
    const before = fake.exchanges;
    await Promise.all([p.send(message()), p.send(message()), p.send(message())]);
    await p.send(message());
    expect(fake.exchanges).toBe(before + 1);
    expect(new Set(fake.requests.map((r) => r.authorization)).size).toBe(1);
  });

  it('exchanges a new token shortly before the old one expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const p = provider();
    const before = fake.exchanges;
    await p.send(message());
    vi.setSystemTime(Date.now() + 3599_000 - 90_000);
    await p.send(message());
    expect(fake.exchanges).toBe(before + 1);
    vi.setSystemTime(Date.now() + 60_000);
    await p.send(message());
    expect(fake.exchanges).toBe(before + 2);
    expect(fake.requests[1]!.authorization).toBe(fake.requests[0]!.authorization);
    expect(fake.requests[2]!.authorization).not.toBe(fake.requests[1]!.authorization);
  });

  it('on a 401 drops the cached token and retries once with a fresh one', async () => {
    const p = provider();
    await p.send(message());
    const before = fake.exchanges;
    fake.revokeTokens();
    const result = await p.send(message());
    expect(result.externalId).toMatch(/^projects\/parley-test\/messages\//);
    expect(fake.exchanges).toBe(before + 1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.authorization).not.toBe(fake.requests[0]!.authorization);
  });

  it('retries a 401 only once: a second 401 is permanent unauthorized', async () => {
    const p = provider();
    const before = fake.exchanges;
    fake.script(401, 401);
    const err = await failure(p.send(message()));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401, invalidToken: false });
    expect(fake.exchanges).toBe(before + 2);
    expect(fake.requests).toHaveLength(0);
  });

  const cases: [Parameters<FakeFcm['script']>[0], Classification][] = [
    ['unregistered', { kind: 'permanent', code: 'invalid_token', status: 404, invalidToken: true }],
    ['invalid_token', { kind: 'permanent', code: 'invalid_token', status: 400, invalidToken: true }],
    [400, { kind: 'permanent', code: 'invalid_request', status: 400, invalidToken: false }],
    ['sender_id_mismatch', { kind: 'permanent', code: 'invalid_token', status: 403, invalidToken: true }],
    [429, { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 30_000, invalidToken: false }],
    [500, { kind: 'retryable', code: 'server_error', status: 500, invalidToken: false }],
    [503, { kind: 'retryable', code: 'server_error', status: 503, invalidToken: false }],
    ['third_party_auth', { kind: 'permanent', code: 'unauthorized', status: 401, invalidToken: false }],
  ];
  for (const [answer, expected] of cases) {
    it(`classifies ${answer}`, async () => {
      const p = provider();
      await p.send(message()); // the token exchange is done, so only the send is scripted
      const before = fake.exchanges;
      fake.script(answer);
      const err = await failure(p.send(message()));
      expectClassified(err, expected);
      // THIRD_PARTY_AUTH_ERROR is a 401 that a new access token would not fix.
      expect(fake.exchanges).toBe(before);
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('UNREGISTERED says since when (the answer, as FCM gives no time): sends to the token stop until it is registered again', async () => {
    const p = provider();
    await p.send(message());
    const before = Date.now();
    fake.script('unregistered');
    const err = await failure(p.send(message()));
    expect(err.unregisteredAt?.getTime()).toBeGreaterThanOrEqual(before);
    fake.script('sender_id_mismatch');
    expect((await failure(p.send(message()))).unregisteredAt).toBeUndefined();
  });

  it('a project the service account cannot reach is permanent unauthorized', async () => {
    const err = await failure(provider({ projectId: 'someone-else' }).send(message()));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403, invalidToken: false });
  });

  it('a token exchange rejected with invalid_grant is permanent, a failing one retryable', async () => {
    fake.scriptToken('invalid_grant');
    const rejected = await failure(provider().send(message()));
    expect(rejected).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 400 });
    expect(rejected.message).toContain('invalid_grant');

    fake.scriptToken(503);
    const unavailable = await failure(provider().send(message()));
    expect(unavailable).toMatchObject({ kind: 'retryable', code: 'server_error', status: 503 });
    expect(fake.requests).toHaveLength(0);

    // A failed exchange is not cached: the next send exchanges again and succeeds.
    const p = provider();
    fake.scriptToken(500);
    await failure(p.send(message()));
    await expect(p.send(message())).resolves.toMatchObject({ externalId: expect.stringMatching(/^projects\//) });
  });

  it('a token signed with another key is refused as invalid_grant', async () => {
    const other = await startFakeFcm();
    try {
      const err = await failure(
        fcmProvider({ serviceAccount: { ...other.serviceAccount, token_uri: fake.serviceAccount.token_uri }, baseUrl: fake.url }, context).send(message()),
      );
      expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 400 });
      expect(err.message).toContain('Invalid JWT Signature');
    } finally {
      await other.close();
    }
  });

  it('connection refused is retryable', async () => {
    const p = fcmProvider({ serviceAccount: { ...fake.serviceAccount, token_uri: `${await refusedUrl()}/token` } }, context);
    const err = await failure(p.send(message()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });

  it('no answer within timeoutMs is a retryable timeout', async () => {
    const silent = await startSilentServer();
    try {
      const p = fcmProvider({ serviceAccount: fake.serviceAccount, baseUrl: silent.url, timeoutMs: 200 }, context);
      const err = await failure(p.send(message()));
      expect(err).toMatchObject({ kind: 'retryable', code: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('refuses a service account whose private key is not a key', () => {
    expect(() => fcmProvider({ serviceAccount: { ...fake.serviceAccount, private_key: 'nope' } }, context)).toThrow(/private_key/);
  });
});
