import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilio, startFakeTwilio } from '../../../test/support/fakes/twilio.ts';
import { parseTwilioStatus, verifyTwilioSignature } from './twilio-status.ts';

describe('verifyTwilioSignature', () => {
  // The example of Twilio's request-validation documentation, also the fixture of its SDKs' tests.
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
  const signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

  it("accepts Twilio's documented example", () => {
    expect(verifyTwilioSignature(token, url, params, signature)).toBe(true);
  });

  it('does not depend on the order the parameters arrive in', () => {
    const shuffled = { To: params.To, Digits: params.Digits, From: params.From, CallSid: params.CallSid, Caller: params.Caller };
    expect(verifyTwilioSignature(token, url, shuffled, signature)).toBe(true);
  });

  it('refuses a tampered parameter, an added or removed one, another URL, another token, or a mangled signature', () => {
    expect(verifyTwilioSignature(token, url, { ...params, Digits: '9999' }, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url, { ...params, Extra: '' }, signature)).toBe(false);
    const { Digits: _digits, ...withoutDigits } = params;
    expect(verifyTwilioSignature(token, url, withoutDigits, signature)).toBe(false);
    expect(verifyTwilioSignature(token, 'https://mycompany.com/myapp.php?foo=1&bar=3', params, signature)).toBe(false);
    expect(verifyTwilioSignature(token, 'http://mycompany.com/myapp.php?foo=1&bar=2', params, signature)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B9=')).toBe(false);
    expect(verifyTwilioSignature(token, url, params, '')).toBe(false);
  });

  it('accepts a signature made with or without the default port, as the SDKs do', () => {
    // The SDK fixtures: the same request signed over https://mycompany.com:443/...
    expect(verifyTwilioSignature(token, url, params, 'kvajT1Ptam85bY51eRf/AJRuM3w=')).toBe(true);
    expect(verifyTwilioSignature(token, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params, signature)).toBe(true);
    // ... and over http://mycompany.com:80/...
    expect(verifyTwilioSignature(token, 'http://mycompany.com/myapp.php?foo=1&bar=2', params, '0ZXoZLH/DfblKGATFgpif+LLRf4=')).toBe(true);
  });

  describe('with a callback signed by the fake', () => {
    let twilio: FakeTwilio;
    beforeAll(async () => {
      twilio = await startFakeTwilio();
    });
    afterAll(() => twilio.close());

    const callbackUrl = 'https://parley.example.com/callbacks/twilio/twilio?deliveryId=0190f2a4-7c1e-7d3a-9b1f-2d4c6e8a0b1c';
    const status = {
      AccountSid: 'AC00000000000000000000000000000000',
      ApiVersion: '2010-04-01',
      From: '+14155550199',
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      MessageStatus: 'delivered',
      SmsSid: 'SM0123456789abcdef0123456789abcdef',
      SmsStatus: 'delivered',
      To: '+14155550100',
    };

    it('verifies, and any change to the URL or the parameters breaks it', () => {
      const signature = twilio.signedStatusCallback(callbackUrl, status)['x-twilio-signature']!;
      expect(verifyTwilioSignature(twilio.authToken, callbackUrl, status, signature)).toBe(true);
      expect(verifyTwilioSignature(twilio.authToken, callbackUrl.replace('0b1c', '0b1d'), status, signature)).toBe(false);
      expect(verifyTwilioSignature(twilio.authToken, callbackUrl, { ...status, MessageStatus: 'undelivered' }, signature)).toBe(false);
      expect(verifyTwilioSignature(twilio.apiKeySecret, callbackUrl, status, signature)).toBe(false);
    });
  });
});

describe('parseTwilioStatus', () => {
  const base = { MessageSid: 'SM0123456789abcdef0123456789abcdef', To: '+14155550100', From: '+14155550199', AccountSid: 'AC00000000000000000000000000000000' };

  it('maps sent, delivered and read', () => {
    expect(parseTwilioStatus({ ...base, MessageStatus: 'sent' }, 'd-1')).toMatchObject({ deliveryId: 'd-1', externalId: base.MessageSid, status: 'sent', address: '+14155550100' });
    const delivered = parseTwilioStatus({ ...base, MessageStatus: 'delivered' }, 'd-1');
    expect(delivered).toMatchObject({ status: 'delivered', externalId: base.MessageSid });
    expect(delivered!.at).toBeInstanceOf(Date);
    expect(delivered).not.toHaveProperty('reason');
    expect(parseTwilioStatus({ ...base, MessageStatus: 'read' })).toMatchObject({ status: 'opened', deliveryId: undefined });
  });

  it('ignores the intermediate and unknown states', () => {
    for (const status of ['queued', 'accepted', 'scheduled', 'sending', 'receiving', 'received', 'something-new', '']) {
      expect(parseTwilioStatus({ ...base, MessageStatus: status }, 'd-1'), status).toBeUndefined();
    }
    expect(parseTwilioStatus(base, 'd-1')).toBeUndefined();
  });

  it('maps failures, hard when the number cannot receive SMS at all', () => {
    expect(parseTwilioStatus({ ...base, MessageStatus: 'undelivered', ErrorCode: '30005' }, 'd-1')).toMatchObject({
      status: 'failed',
      hard: true,
      reason: '30005 Unknown destination handset',
    });
    expect(parseTwilioStatus({ ...base, MessageStatus: 'undelivered', ErrorCode: '30006' })).toMatchObject({ status: 'failed', hard: true, reason: '30006 Landline or unreachable carrier' });
    expect(parseTwilioStatus({ ...base, MessageStatus: 'undelivered', ErrorCode: '30003' })).toMatchObject({ status: 'failed', hard: false, reason: '30003 Unreachable destination handset' });
    expect(parseTwilioStatus({ ...base, MessageStatus: 'failed', ErrorCode: '30007' })).toMatchObject({ status: 'failed', hard: false, reason: '30007 Message filtered (carrier violation)' });
    expect(parseTwilioStatus({ ...base, MessageStatus: 'failed', ErrorCode: '21610' })).toMatchObject({ status: 'failed', hard: false, reason: 'Twilio error 21610' });
  });

  it('falls back to the legacy SmsSid and SmsStatus', () => {
    expect(parseTwilioStatus({ SmsSid: 'SMabc', SmsStatus: 'delivered', To: '+14155550100' })).toMatchObject({ status: 'delivered', externalId: 'SMabc' });
  });
});
