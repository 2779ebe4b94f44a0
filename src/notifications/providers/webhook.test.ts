import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type WebhookReceiver, startWebhookReceiver } from '../../../test/support/fakes/webhook-receiver.ts';
import { failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import type { WebhookMessage } from './types.ts';
import { WebhookOptions, signWebhook, webhookProvider } from './webhook.ts';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.unique.clear();
});

const message = (deliveryId = 'd-1'): WebhookMessage => ({
  deliveryId,
  requestId: 'r-1',
  payload: { type: 'notification', deliveryId, message: { text: 'Your order shipped — ✓' } },
});

const provider = (options: Partial<Parameters<typeof webhookProvider>[0]> = {}) =>
  webhookProvider({ url: receiver.url, secret: receiver.secret, ...options }, providerContext('hooks'));

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks reference vector', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('changes with the id, the timestamp and the body', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const base = signWebhook(secret, 'msg_1', 1, '{}');
    expect(signWebhook(secret, 'msg_2', 1, '{}')).not.toBe(base);
    expect(signWebhook(secret, 'msg_1', 2, '{}')).not.toBe(base);
    expect(signWebhook(secret, 'msg_1', 1, '{ }')).not.toBe(base);
  });
});

describe('WebhookOptions', () => {
  const validate = addFormats.default(new Ajv({ strict: false })).compile(WebhookOptions);
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('takes an http(s) url and a whsec_ secret', () => {
    expect(validate({ url: 'https://hooks.example.com/parley', secret })).toBe(true);
    expect(validate({ url: 'http://10.0.0.5:8080/in', secret: `whsec_${Buffer.alloc(64, 7).toString('base64')}`, timeoutMs: 5000, headers: { 'x-a': 'b' } })).toBe(true);
  });

  it('refuses other schemes and malformed secrets', () => {
    expect(validate({ url: 'ftp://hooks.example.com/parley', secret })).toBe(false);
    expect(validate({ url: 'file:///etc/passwd', secret })).toBe(false);
    expect(validate({ url: 'https://hooks.example.com', secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).toBe(false);
    expect(validate({ url: 'https://hooks.example.com', secret: 'whsec_short' })).toBe(false);
    expect(validate({ url: 'https://hooks.example.com', secret: 'whsec_not base64 at all, not at all!!' })).toBe(false);
  });
});

describe('webhookProvider', () => {
  it('posts the JSON payload, and the receiver verifies the signature independently', async () => {
    const result = await provider({ headers: { 'x-tenant': 'acme', 'Content-Type': 'text/plain', 'Webhook-Id': 'spoofed' } }).send(message('d-ok'));
    expect(result).toEqual({ externalId: 'd-ok' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ id: 'd-ok', status: 200, path: '/hooks/parley', payload: message('d-ok').payload });
    expect(request!.refused).toBeUndefined();
    expect(Math.abs(request!.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(receiver.unique.size).toBe(1);
  });

  it('keeps the webhook-id of a delivery across retries, so the receiver processes it once', async () => {
    receiver.script(503);
    const hooks = provider();
    const first = await failure(hooks.send(message('d-retry')));
    expect(first).toMatchObject({ kind: 'retryable', code: 'server_error', status: 503, retryAfterMs: 1000 });
    await hooks.send(message('d-retry'));
    await hooks.send(message('d-retry'));
    expect(receiver.requests.map((r) => [r.id, r.status])).toEqual([
      ['d-retry', 503],
      ['d-retry', 200],
      ['d-retry', 200],
    ]);
    expect([...receiver.unique.keys()]).toEqual(['d-retry']);
  });

  it('is refused by a receiver holding another secret', async () => {
    const error = await failure(provider({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).send(message()));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401 });
    expect(receiver.requests[0]!.refused).toBe('bad_signature');
    expect(receiver.unique.size).toBe(0);
  });

  it('signs with a fresh timestamp: a replayed request is refused as stale', async () => {
    const body = JSON.stringify(message().payload);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'd-old', 'webhook-timestamp': String(old), 'webhook-signature': signWebhook(receiver.secret, 'd-old', old, body) },
      body,
    });
    expect(response.status).toBe(401);
    expect(receiver.requests[0]!.refused).toBe('stale_timestamp');
    await provider().send(message('d-old'));
    expect(receiver.requests[1]).toMatchObject({ id: 'd-old', status: 200 });
  });

  it('does not follow a redirect', async () => {
    receiver.script({ status: 307, location: '/hooks/elsewhere' });
    const error = await failure(provider().send(message()));
    expect(error).toMatchObject({ kind: 'permanent', code: 'redirected', status: 307 });
    expect(error.message).toContain('/hooks/elsewhere');
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/parley']);
  });

  it('classifies the answers', async () => {
    const hooks = provider();
    receiver.script(410, 400, 413, 401, 408, { status: 429, retryAfter: '7' }, 500);
    const expected = [
      { kind: 'permanent', code: 'endpoint_gone', status: 410 },
      { kind: 'permanent', code: 'rejected', status: 400 },
      { kind: 'permanent', code: 'payload_too_large', status: 413 },
      { kind: 'permanent', code: 'unauthorized', status: 401 },
      { kind: 'retryable', code: 'timeout', status: 408 },
      { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 7000 },
      { kind: 'retryable', code: 'server_error', status: 500 },
    ];
    for (const answer of expected) {
      expect(await failure(hooks.send(message()))).toMatchObject(answer);
    }
    expect(receiver.unique.size).toBe(0);
  });

  it('accepts any 2xx', async () => {
    receiver.script(202, 204);
    await expect(provider().send(message('d-202'))).resolves.toEqual({ externalId: 'd-202' });
    await expect(provider().send(message('d-204'))).resolves.toEqual({ externalId: 'd-204' });
  });

  it('gives up on an endpoint that does not answer in time, as retryable', async () => {
    receiver.script('hang');
    const error = await failure(provider({ timeoutMs: 200 }).send(message()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'timeout' });
  });

  it('treats a refused connection as retryable', async () => {
    const error = await failure(provider({ url: `${await refusedUrl()}/hook` }).send(message()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });
});
