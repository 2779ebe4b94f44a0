import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSilentServer } from '../../../test/support/fakes/http.ts';
import { SENDGRID_API_KEY, type SendGridAnswer, type SendGridFake, startSendGridFake } from '../../../test/support/fakes/sendgrid.ts';
import { emailMessage as message, failure, itClassifies, providerContext, refusedUrl , httpAnswer } from '../../../test/support/provider-tests.ts';
import { http } from './http.ts';
import { sendGridProvider } from './sendgrid.ts';

const context = providerContext('sendgrid-test');

let fake: SendGridFake;
beforeAll(async () => {
  fake = await startSendGridFake();
});
afterAll(() => fake.close());
afterEach(() => vi.restoreAllMocks());

const provider = (extra: Partial<Parameters<typeof sendGridProvider>[0]> = {}) =>
  sendGridProvider({ apiKey: SENDGRID_API_KEY, from: 'shop@example.com', baseUrl: fake.url, ...extra }, context);

describe('sendgrid provider', () => {
  it('posts a Mail Send request with the delivery id as a custom arg and returns X-Message-Id', async () => {
    const before = fake.requests.length;
    const result = await provider({ fromName: 'The Shop' }).send(message);
    const received = fake.requests[before]!;
    expect(received.headers.authorization).toBe(`Bearer ${SENDGRID_API_KEY}`);
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.body).toEqual({
      personalizations: [
        {
          to: [{ email: 'buyer@example.com' }],
          custom_args: { notification_type: 'order_shipped', parley_delivery_id: message.deliveryId, parley_request_id: 'req_42' },
        },
      ],
      from: { email: 'shop@example.com', name: 'The Shop' },
      subject: 'Your order shipped',
      content: [
        { type: 'text/plain', value: 'It is on its way.' },
        { type: 'text/html', value: '<p>It is on its way.</p>' },
      ],
      headers: { 'Message-ID': `<${message.deliveryId}@example.com>`, 'X-Parley-Delivery-Id': message.deliveryId },
    });
    expect(result.externalId).toBe(received.messageId);
  });

  it('sends List-Unsubscribe and List-Unsubscribe-Post in the headers object', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, headers: { 'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    expect(fake.requests[before]!.body.headers).toEqual({
      'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<${message.deliveryId}@example.com>`,
      'X-Parley-Delivery-Id': message.deliveryId,
    });
  });

  it('sends the reply address as reply_to (Reply-To is one of SendGrid\'s reserved headers)', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, replyTo: 'reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example' });
    expect(fake.requests[before]!.body.reply_to).toEqual({ email: 'reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example' });
    expect(fake.requests[before]!.body.headers?.['Reply-To']).toBeUndefined();
  });

  it('sends only the parts that are present', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, text: undefined });
    await provider().send({ ...message, html: undefined });
    expect(fake.requests[before]!.body.content).toEqual([{ type: 'text/html', value: '<p>It is on its way.</p>' }]);
    expect(fake.requests[before + 1]!.body.content).toEqual([{ type: 'text/plain', value: 'It is on its way.' }]);
    expect(fake.requests[before + 1]!.body.from).toEqual({ email: 'shop@example.com' });
  });

  it('classifies an address SendGrid refuses as invalid_address', async () => {
    const err = await failure(provider().send({ ...message, to: 'buyer at example' }));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_address', status: 400 });
    expect(err.message).toContain('personalizations.0.to.0.email');
  });

  it('classifies a wrong API key as unauthorized', async () => {
    const err = await failure(provider({ apiKey: 'SG.wrong' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401 });
  });

  itClassifies<SendGridAnswer>(
    [
      [400, { kind: 'permanent', code: 'invalid_address', status: 400 }],
      [{ status: 400, body: { errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from', help: null }] } }, { kind: 'permanent', code: 'rejected', status: 400 }],
      [403, { kind: 'permanent', code: 'unauthorized', status: 403 }],
      [413, { kind: 'permanent', code: 'payload_too_large', status: 413 }],
      [429, { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 2000 }],
      [{ status: 503, headers: { 'retry-after': '7' } }, { kind: 'retryable', code: 'server_error', status: 503, retryAfterMs: 7000 }],
      [500, { kind: 'retryable', code: 'server_error', status: 500 }],
    ],
    (answer) => {
      fake.script(answer);
      return provider().send(message);
    },
  );

  it('falls back to X-RateLimit-Reset when Retry-After is absent', async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    fake.script({ status: 429, headers: { 'x-ratelimit-reset': String(reset) }, body: { errors: [{ field: null, message: 'too many requests' }] } });
    const err = await failure(provider().send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'rate_limited', status: 429 });
    expect(err.retryAfterMs).toBeGreaterThan(20_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('treats a refused connection as retryable', async () => {
    const err = await failure(provider({ baseUrl: await refusedUrl() }).send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });

  it('treats no answer within timeoutMs as a retryable timeout', async () => {
    const silent = await startSilentServer();
    try {
      const err = await failure(provider({ baseUrl: silent.url, timeoutMs: 100 }).send(message));
      expect(err).toMatchObject({ kind: 'retryable', code: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('defaults to api.sendgrid.com', async () => {
    const send = vi.spyOn(http, 'send').mockResolvedValue(httpAnswer(202, '', { 'x-message-id': 'abc' }));
    const result = await sendGridProvider({ apiKey: 'k', from: 'shop@example.com' }, context).send(message);
    expect(result.externalId).toBe('abc');
    expect(send.mock.calls[0]![0]).toBe('https://api.sendgrid.com/v3/mail/send');
  });
});
