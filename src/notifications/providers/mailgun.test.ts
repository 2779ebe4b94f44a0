import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAILGUN_API_KEY, MAILGUN_DOMAIN, type MailgunAnswer, type MailgunFake, startMailgunFake } from '../../../test/support/fakes/mailgun.ts';
import { emailMessage as message, failure, itClassifies, providerContext, refusedUrl , httpAnswer } from '../../../test/support/provider-tests.ts';
import { http } from './http.ts';
import { mailgunProvider } from './mailgun.ts';

const context = providerContext('mailgun-test');

let fake: MailgunFake;
beforeAll(async () => {
  fake = await startMailgunFake();
});
afterAll(() => fake.close());
afterEach(() => vi.restoreAllMocks());

const provider = (extra: Partial<Parameters<typeof mailgunProvider>[0]> = {}) =>
  mailgunProvider({ apiKey: MAILGUN_API_KEY, domain: MAILGUN_DOMAIN, from: 'The Shop <shop@mg.example.test>', baseUrl: fake.url, ...extra }, context);

describe('mailgun provider', () => {
  it('posts the message form with Basic auth and returns the id without brackets', async () => {
    const before = fake.requests.length;
    const result = await provider().send(message);
    const received = fake.requests[before]!;
    expect(received.headers.authorization).toBe(`Basic ${Buffer.from(`api:${MAILGUN_API_KEY}`).toString('base64')}`);
    expect(received.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(received.domain).toBe(MAILGUN_DOMAIN);
    expect(received.fields).toEqual({
      from: 'The Shop <shop@mg.example.test>',
      to: 'buyer@example.com',
      subject: 'Your order shipped',
      text: 'It is on its way.',
      html: '<p>It is on its way.</p>',
      'v:notification_type': 'order_shipped',
      'v:parley_delivery_id': message.deliveryId,
      'v:parley_request_id': 'req_42',
      'h:Message-Id': `<${message.deliveryId}@mg.example.test>`,
      'h:X-Parley-Delivery-Id': message.deliveryId,
    });
    expect(received.id).toMatch(/^<.+>$/);
    expect(result.externalId).toBe(received.id.slice(1, -1));
  });

  it('sends List-Unsubscribe and List-Unsubscribe-Post as h: fields', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, headers: { 'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    expect(fake.requests[before]!.fields).toMatchObject({
      'h:List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>',
      'h:List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('sends the reply address as h:Reply-To', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, replyTo: 'reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example' });
    expect(fake.requests[before]!.fields['h:Reply-To']).toBe('reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example');
  });

  it('sends only the parts that are present', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, text: undefined });
    expect(fake.requests[before]!.fields.html).toBe('<p>It is on its way.</p>');
    expect('text' in fake.requests[before]!.fields).toBe(false);
  });

  it('classifies an address Mailgun refuses as invalid_address', async () => {
    const err = await failure(provider().send({ ...message, to: 'buyer at example' }));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_address', status: 400 });
  });

  it('classifies a wrong API key as unauthorized', async () => {
    const err = await failure(provider({ apiKey: 'key-wrong' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401 });
    expect(err.message).toContain('Forbidden');
  });

  it('classifies an unknown domain as a permanent rejection', async () => {
    const err = await failure(provider({ domain: 'other.example.test' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'rejected', status: 404 });
    expect(err.message).toContain('Domain not found');
  });

  itClassifies<MailgunAnswer>(
    [
      [400, { kind: 'permanent', code: 'invalid_address', status: 400 }],
      [{ status: 400, body: { message: "'from' parameter is not a valid address. please check documentation" } }, { kind: 'permanent', code: 'rejected', status: 400 }],
      [401, { kind: 'permanent', code: 'unauthorized', status: 401 }],
      [413, { kind: 'permanent', code: 'payload_too_large', status: 413 }],
      [429, { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 1000 }],
      [500, { kind: 'retryable', code: 'server_error', status: 500 }],
      [503, { kind: 'retryable', code: 'server_error', status: 503 }],
    ],
    (answer) => {
      fake.script(answer);
      return provider().send(message);
    },
  );

  it('treats a refused connection as retryable', async () => {
    const err = await failure(provider({ baseUrl: await refusedUrl() }).send(message));
    expect(err).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });

  it.each([
    [undefined, 'https://api.mailgun.net/v3/mg.example.test/messages'],
    ['us', 'https://api.mailgun.net/v3/mg.example.test/messages'],
    ['eu', 'https://api.eu.mailgun.net/v3/mg.example.test/messages'],
  ] as const)('picks the API host for region %s', async (region, url) => {
    const send = vi.spyOn(http, 'send').mockResolvedValue(httpAnswer(200, '{"id":"<x@mg.example.test>","message":"Queued. Thank you."}'));
    const result = await mailgunProvider({ apiKey: 'k', domain: 'mg.example.test', from: 'shop@mg.example.test', region }, context).send(message);
    expect(send.mock.calls[0]![0]).toBe(url);
    expect(result.externalId).toBe('x@mg.example.test');
  });
});
