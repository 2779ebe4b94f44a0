import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeVonage, startFakeVonage } from '../../../test/support/fakes/vonage.ts';
import { failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import type { SmsMessage } from './types.ts';
import { vonageProvider } from './vonage.ts';

let vonage: FakeVonage;
beforeAll(async () => {
  vonage = await startFakeVonage();
});
afterAll(() => vonage.close());
beforeEach(() => {
  vonage.requests.length = 0;
});

const sms = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  deliveryId: '0190f2a4-7c1e-7d3a-9b1f-2d4c6e8a0b1c',
  requestId: 'r-1',
  to: '+447700900000',
  text: 'Your code is 1234',
  ...overrides,
});

type Options = Parameters<typeof vonageProvider>[0];
const provider = (options: Partial<Options> = {}) =>
  vonageProvider({ apiKey: vonage.apiKey, apiSecret: vonage.apiSecret, from: 'Parley', baseUrl: vonage.url, ...options }, providerContext('vonage'));

describe('vonageProvider', () => {
  it('sends a GSM text with the delivery id as client-ref and returns the message-id', async () => {
    const result = await provider({ statusCallbackUrl: 'https://parley.example.com/callbacks/vonage/vonage' }).send(sms());
    expect(vonage.requests).toHaveLength(1);
    const [request] = vonage.requests;
    expect(request!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request!.params).toEqual({
      api_key: vonage.apiKey,
      api_secret: vonage.apiSecret,
      from: 'Parley',
      to: '447700900000',
      text: 'Your code is 1234',
      type: 'text',
      'client-ref': '0190f2a4-7c1e-7d3a-9b1f-2d4c6e8a0b1c',
      callback: 'https://parley.example.com/callbacks/vonage/vonage',
    });
    expect(result).toEqual({ externalId: request!.messageIds[0] });
  });

  it('sends text outside GSM-7 as unicode', async () => {
    await provider().send(sms({ text: 'Заказ отправлен ✓' }));
    expect(vonage.requests[0]!.params).toMatchObject({ type: 'unicode', text: 'Заказ отправлен ✓' });
    expect(vonage.requests[0]!.params).not.toHaveProperty('callback');
  });

  it('keeps GSM extension characters in a text message', async () => {
    await provider().send(sms({ text: 'Total: 5€ [paid]' }));
    expect(vonage.requests[0]!.params.type).toBe('text');
  });

  it('returns the first part of a long message', async () => {
    const result = await provider().send(sms({ text: 'x'.repeat(400) }));
    const [request] = vonage.requests;
    expect(request!.messageIds).toHaveLength(3);
    expect(result).toEqual({ externalId: request!.messageIds[0] });
  });

  it('classifies wrong credentials (status 4) as permanent unauthorized', async () => {
    const error = await failure(provider({ apiSecret: 'wrong-secret-000' }).send(sms()));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized' });
    expect(error.message).toContain('status 4 Invalid Credentials');
    expect(vonage.requests).toHaveLength(0);
  });

  it('classifies the documented statuses', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['1', { kind: 'retryable', code: 'rate_limited' }],
      ['2', { kind: 'permanent', code: 'rejected' }],
      ['3', { kind: 'permanent', code: 'rejected' }],
      ['5', { kind: 'retryable', code: 'server_error' }],
      ['6', { kind: 'permanent', code: 'rejected' }],
      ['7', { kind: 'permanent', code: 'invalid_address' }],
      ['8', { kind: 'permanent', code: 'account_barred' }],
      ['9', { kind: 'permanent', code: 'quota_exceeded' }],
      ['10', { kind: 'retryable', code: 'rate_limited' }],
      ['12', { kind: 'permanent', code: 'payload_too_large' }],
      ['15', { kind: 'permanent', code: 'invalid_sender' }],
      ['29', { kind: 'permanent', code: 'invalid_address' }],
      ['33', { kind: 'permanent', code: 'invalid_address' }],
      ['99', { kind: 'permanent', code: 'rejected' }],
    ];
    vonage.script(...cases.map(([status]) => ({ status })));
    const adapter = provider();
    for (const [status, expected] of cases) {
      const error = await failure(adapter.send(sms()));
      expect(error, `status ${status}`).toMatchObject({ ...expected, status: undefined, invalidToken: false });
      expect(error.message).toContain(`status ${status}`);
    }
    expect(vonage.requests).toHaveLength(0);
  });

  it('names the code and the error text', async () => {
    vonage.script({ status: '9' }, { status: '8', errorText: 'Account suspended for review' });
    const adapter = provider();
    expect((await failure(adapter.send(sms()))).message).toBe('Vonage refused the message: status 9 Partner Quota Violation: Quota Exceeded - rejected');
    expect((await failure(adapter.send(sms()))).message).toBe('Vonage refused the message: status 8 Partner Account Barred: Account suspended for review');
  });

  it('fails a long message when one of its parts is refused', async () => {
    vonage.script({ status: ['0', '5'] });
    const error = await failure(provider().send(sms({ text: 'x'.repeat(200) })));
    expect(error).toMatchObject({ kind: 'retryable', code: 'server_error' });
  });

  it('classifies HTTP failures', async () => {
    vonage.script(429, 500, 503);
    const adapter = provider();
    expect(await failure(adapter.send(sms()))).toMatchObject({ kind: 'retryable', code: 'rate_limited', status: 429, retryAfterMs: 1000 });
    expect(await failure(adapter.send(sms()))).toMatchObject({ kind: 'retryable', code: 'server_error', status: 500 });
    expect(await failure(adapter.send(sms()))).toMatchObject({ kind: 'retryable', code: 'server_error', status: 503 });
  });

  it('times out as retryable', async () => {
    vonage.script('hang');
    const error = await failure(provider({ timeoutMs: 200 }).send(sms()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'timeout' });
  });

  it('treats a refused connection as retryable', async () => {
    const error = await failure(provider({ baseUrl: await refusedUrl() }).send(sms()));
    expect(error).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });
});
