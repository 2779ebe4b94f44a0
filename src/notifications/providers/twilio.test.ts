import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTwilio, startFakeTwilio } from '../../../test/support/fakes/twilio.ts';
import { type Classification, expectClassified, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import { twilioProvider } from './twilio.ts';
import type { SmsMessage } from './types.ts';

let twilio: FakeTwilio;
beforeAll(async () => {
  twilio = await startFakeTwilio();
});
afterAll(() => twilio.close());
beforeEach(() => {
  twilio.requests.length = 0;
});

const sms = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({ deliveryId: 'd-1', requestId: 'r-1', to: '+14155550100', text: 'Your code is 1234', ...overrides });

type Options = Parameters<typeof twilioProvider>[0];
const provider = (options: Partial<Options> = {}) =>
  twilioProvider({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+14155550199', baseUrl: twilio.url, ...options }, providerContext('twilio'));

describe('twilioProvider', () => {
  it('creates the message with the account credentials and returns its SID', async () => {
    const result = await provider({ statusCallbackUrl: 'https://Parley.example.com:443/callbacks/twilio/twilio' }).send(sms({ deliveryId: 'd-42' }));
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(result).toEqual({ externalId: request!.sid });
    expect(request!.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(request!.username).toBe(twilio.accountSid);
    expect(request!.params).toEqual({
      To: '+14155550100',
      From: '+14155550199',
      Body: 'Your code is 1234',
      // Exactly as configured (not normalised), since that is what the callback route rebuilds and verifies.
      StatusCallback: 'https://Parley.example.com:443/callbacks/twilio/twilio?deliveryId=d-42',
    });
  });

  it('authenticates with an API key, sends through a messaging service, and keeps an existing callback query', async () => {
    const messagingServiceSid = `MG${'a'.repeat(32)}`;
    await provider({
      authToken: undefined,
      apiKeySid: twilio.apiKeySid,
      apiKeySecret: twilio.apiKeySecret,
      from: undefined,
      messagingServiceSid,
      statusCallbackUrl: 'https://parley.example.com/callbacks/twilio/sms?region=eu',
    }).send(sms({ text: 'Ünïcødé ✓ 😀' }));
    const [request] = twilio.requests;
    expect(request!.username).toBe(twilio.apiKeySid);
    expect(request!.params).toEqual({
      To: '+14155550100',
      MessagingServiceSid: messagingServiceSid,
      Body: 'Ünïcødé ✓ 😀',
      StatusCallback: 'https://parley.example.com/callbacks/twilio/sms?region=eu&deliveryId=d-1',
    });
  });

  it('leaves StatusCallback out when no callback URL is configured', async () => {
    await provider().send(sms());
    expect(twilio.requests[0]!.params).not.toHaveProperty('StatusCallback');
  });

  it('refuses options without credentials or without a sender', () => {
    expect(() => provider({ authToken: undefined })).toThrow(/authToken/);
    expect(() => provider({ apiKeySid: twilio.apiKeySid })).toThrow(/apiKeySecret/);
    expect(() => provider({ from: undefined })).toThrow(/messagingServiceSid/);
  });

  it('classifies wrong credentials as permanent unauthorized (20003)', async () => {
    const error = await failure(provider({ authToken: 'wrong' }).send(sms()));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized', status: 401 });
    expect(error.message).toContain('20003');
    expect(twilio.requests).toHaveLength(0);
  });

  it("classifies Twilio's own validation of 'To' as an invalid address", async () => {
    const error = await failure(provider().send(sms({ to: '4155550100' })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_address', status: 400 });
    expect(error.message).toContain('21211');
  });

  it('classifies scripted answers', async () => {
    twilio.script(
      400,
      { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
      { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
      { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' },
      { status: 400, code: 21408, message: 'Permission to send an SMS has not been enabled for the region' },
      401,
      429,
      500,
      { status: 503, code: 20503, message: 'Service unavailable', retryAfter: '30' },
    );
    const adapter = provider();
    const expected: Classification[] = [
      { kind: 'permanent', code: 'invalid_address', status: 400 },
      { kind: 'permanent', code: 'invalid_address', status: 400 },
      { kind: 'permanent', code: 'unsubscribed', status: 400 },
      { kind: 'permanent', code: 'payload_too_large', status: 400 },
      { kind: 'permanent', code: 'rejected', status: 400 },
      { kind: 'permanent', code: 'unauthorized', status: 401 },
      { kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 2000 },
      { kind: 'retryable', code: 'server_error', status: 500, retryAfterMs: undefined },
      { kind: 'retryable', code: 'server_error', status: 503, retryAfterMs: 30_000 },
    ];
    for (const answer of expected) {
      expectClassified(await failure(adapter.send(sms())), answer);
    }
    expect(twilio.requests).toHaveLength(0);
  });

  it('times out as retryable', async () => {
    twilio.script('hang');
    const error = await failure(provider({ timeoutMs: 200 }).send(sms()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'timeout' });
  });

  it('treats a refused connection as retryable', async () => {
    const error = await failure(provider({ baseUrl: await refusedUrl() }).send(sms()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });
});
