import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SES_CREDENTIALS, type SesAnswer, type SesFake, startSesFake } from '../../../test/support/fakes/ses.ts';
import { emailMessage, failure, itClassifies, providerContext, refusedUrl , httpAnswer } from '../../../test/support/provider-tests.ts';
import { http } from './http.ts';
import { sesProvider } from './ses.ts';
import type { EmailMessage } from './types.ts';

const context = providerContext('ses-test');

const message: EmailMessage = { ...emailMessage, tags: { notification_type: 'order_shipped', campaign: 'spring sale!' } };

let fake: SesFake;
beforeAll(async () => {
  fake = await startSesFake();
});
afterAll(() => fake.close());
afterEach(() => vi.restoreAllMocks());

const provider = (extra: Partial<Parameters<typeof sesProvider>[0]> = {}) =>
  sesProvider({ region: 'us-east-1', ...SES_CREDENTIALS, from: 'Shop <shop@example.com>', baseUrl: fake.url, ...extra }, context);

describe('ses provider', () => {
  it('sends a signed SendEmail v2 request and returns the MessageId', async () => {
    const before = fake.requests.length;
    const result = await provider({ configurationSetName: 'parley-events' }).send(message);
    const received = fake.requests[before]!;
    expect(result.externalId).toBe(received.messageId);
    expect(received.body).toEqual({
      FromEmailAddress: 'Shop <shop@example.com>',
      Destination: { ToAddresses: ['buyer@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your order shipped', Charset: 'UTF-8' },
          Body: { Text: { Data: 'It is on its way.', Charset: 'UTF-8' }, Html: { Data: '<p>It is on its way.</p>', Charset: 'UTF-8' } },
        },
      },
      // "spring sale!" has characters SES refuses in a tag, so that tag stays out
      EmailTags: [
        { Name: 'notification_type', Value: 'order_shipped' },
        { Name: 'parley_delivery_id', Value: message.deliveryId },
        { Name: 'parley_request_id', Value: 'req_42' },
      ],
      ConfigurationSetName: 'parley-events',
    });
    expect(received.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${SES_CREDENTIALS.accessKeyId}/\\d{8}/us-east-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$`));
  });

  it('sends the reply address as ReplyToAddresses', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, replyTo: 'reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example' });
    expect(fake.requests[before]!.body.ReplyToAddresses).toEqual(['reply+0123456789abcdef0123456789abcdef01234567@reply.shop.example']);
  });

  it('sends List-Unsubscribe and List-Unsubscribe-Post as Simple content Headers', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, headers: { 'List-Unsubscribe': '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    expect(fake.requests[before]!.body.Content.Simple.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: '<https://parley.example/u/tok>, <mailto:unsubscribe@shop.example?subject=unsubscribe>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('sends only the parts that are present', async () => {
    const before = fake.requests.length;
    await provider().send({ ...message, html: undefined });
    expect(fake.requests[before]!.body.Content.Simple.Body).toEqual({ Text: { Data: 'It is on its way.', Charset: 'UTF-8' } });
  });

  it('signs the session token of temporary credentials', async () => {
    const withToken = await startSesFake({ sessionToken: 'FwoGZXIvYXdzEXAMPLE' });
    try {
      const base = { region: 'us-east-1', ...SES_CREDENTIALS, from: 'shop@example.com', baseUrl: withToken.url };
      await sesProvider({ ...base, sessionToken: 'FwoGZXIvYXdzEXAMPLE' }, context).send(message);
      expect(withToken.requests[0]!.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEXAMPLE');
      const err = await failure(sesProvider(base, context).send(message));
      expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403 });
    } finally {
      await withToken.close();
    }
  });

  it('is refused with SignatureDoesNotMatch when the secret is wrong', async () => {
    const err = await failure(provider({ secretAccessKey: 'not-the-secret' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403 });
    expect(err.message).toContain('SignatureDoesNotMatch');
  });

  it('is refused when the credential is scoped to another region', async () => {
    const err = await failure(provider({ region: 'eu-west-1' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403 });
    expect(err.message).toContain('scoped to a valid region');
  });

  it('is refused for an unknown access key', async () => {
    const err = await failure(provider({ accessKeyId: 'AKIDUNKNOWN' }).send(message));
    expect(err).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 403 });
    expect(err.message).toContain('UnrecognizedClientException');
  });

  it('classifies an invalid recipient address as invalid_address', async () => {
    const err = await failure(provider().send({ ...message, to: 'not-an-address' }));
    expect(err).toMatchObject({ kind: 'permanent', code: 'invalid_address', status: 400 });
  });

  itClassifies<SesAnswer>(
    [
      [429, { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 1000 }],
      [{ status: 400, type: 'LimitExceededException', message: 'Maximum sending rate exceeded.' }, { kind: 'retryable', code: 'rate_limited', status: 400 }],
      [503, { kind: 'retryable', code: 'server_error', status: 503 }],
      [500, { kind: 'retryable', code: 'server_error', status: 500 }],
      [400, { kind: 'permanent', code: 'rejected', status: 400 }],
      [{ status: 400, type: 'MailFromDomainNotVerifiedException', message: 'MAIL FROM domain not verified' }, { kind: 'permanent', code: 'sender_not_verified', status: 400 }],
      [{ status: 400, type: 'AccountSuspendedException', message: 'Account suspended' }, { kind: 'permanent', code: 'account_suspended', status: 400 }],
      [{ status: 400, type: 'SendingPausedException', message: 'Sending paused for this account' }, { kind: 'permanent', code: 'sending_paused', status: 400 }],
      [{ status: 400, type: 'BadRequestException', message: 'Illegal address' }, { kind: 'permanent', code: 'invalid_address', status: 400 }],
      [403, { kind: 'permanent', code: 'unauthorized', status: 403 }],
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

  it('defaults to the regional SES endpoint', async () => {
    const send = vi.spyOn(http, 'send').mockResolvedValue(httpAnswer(200, '{"MessageId":"m-1"}'));
    const result = await sesProvider({ region: 'eu-central-1', ...SES_CREDENTIALS, from: 'shop@example.com' }, context).send(message);
    expect(result.externalId).toBe('m-1');
    expect(send.mock.calls[0]![0]).toBe('https://email.eu-central-1.amazonaws.com/v2/email/outbound-emails');
  });
});
