import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsentLog, createConsentLog } from '../src/consents/consent-log.ts';
import { DEFAULT_SMS_REPLIES } from '../src/notifications/settings.ts';
import { backends } from './support/backends.ts';
import { type FakeTwilio, startFakeTwilio, twilioSignature } from './support/fakes/twilio.ts';
import { type FakeVonage, startFakeVonage } from './support/fakes/vonage.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const publicUrl = 'https://parley.example.com';
const helpText = 'Mug Market alerts. Reply STOP to opt out. Msg & data rates may apply.';
let phoneCounter = 0;
/** A fresh number per test (E.164), so that tests do not see each other's suppressions. */
const phone = () => `+1415555${String(Date.now() % 1000).padStart(3, '0')}${phoneCounter++ % 10}`;

async function finalDelivery(parley: TestParley, requestId: string, channel = 'sms') {
  let last: any;
  await eventually(async () => {
    const { body } = await parley.request('GET', `/notifications/${requestId}`);
    last = body.deliveries?.find((d: any) => d.channel === channel);
    return last && !['queued', 'standby', 'sending'].includes(last.status);
  }, `the ${channel} delivery`);
  return last;
}

describe.each(backends)('SMS STOP, START and HELP on $name', (backend) => {
  let parley: TestParley;
  let twilio: FakeTwilio;
  let vonage: FakeVonage;
  let consents: ConsentLog;

  beforeAll(async () => {
    [twilio, vonage] = await Promise.all([startFakeTwilio(), startFakeVonage('sha256')]);
    const providers = {
      sms: [
        { type: 'twilio', name: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15005550006', baseUrl: twilio.url },
        { type: 'vonage', name: 'vonage', apiKey: vonage.apiKey, apiSecret: vonage.apiSecret, from: '15005550007', baseUrl: vonage.url, signatureSecret: vonage.signatureSecret, signatureMethod: 'sha256' },
      ],
    };
    parley = await startParley(backend, {
      env: { PARLEY_POLL_MS: '50', PARLEY_RETRY_BASE_MS: '20', PARLEY_PUBLIC_URL: publicUrl, PARLEY_SMS_HELP_TEXT: helpText, PARLEY_PROVIDERS: JSON.stringify(providers) },
    });
    consents = createConsentLog(parley.db);
  });
  afterAll(async () => {
    await parley?.close();
    await Promise.all([twilio?.close(), vonage?.close()]);
  });

  /** A user reached at `number`, who agreed to SMS offers from a vendor at checkout. */
  async function customer(number: string) {
    const userId = `buyer-${randomUUID().slice(0, 8)}`;
    expect((await parley.request('PUT', `/users/${userId}/contact`, { body: { phoneNumber: number } })).status).toBe(200);
    await consents.record([{ userId, vendorId: 'mug-shop', channel: 'sms', granted: true, source: 'checkout', textShown: 'Text me Mug Shop offers' }]);
    return userId;
  }

  /** Posts an inbound SMS to the Twilio webhook, signed as Twilio signs it (or with `signature`). */
  function twilioInbound(from: string, body: string, signature?: string) {
    const path = '/callbacks/twilio/twilio/inbound';
    const params = { AccountSid: twilio.accountSid, ApiVersion: '2010-04-01', Body: body, From: from, MessageSid: `SM${randomUUID().replace(/-/g, '')}`, NumMedia: '0', NumSegments: '1', SmsStatus: 'received', To: '+15005550006' };
    return fetch(`${parley.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === '' ? {} : { 'x-twilio-signature': signature ?? twilioSignature(twilio.authToken, `${publicUrl}${path}`, params) }) },
      body: new URLSearchParams(params).toString(),
    });
  }

  async function promotionalSms(userId: string, number: string, text = 'Mugs 20% off this weekend') {
    const requestId = randomUUID();
    const body = { requestId, notificationType: 'promotional', channels: ['sms'], recipient: { userId, phoneNumber: number }, message: { smsText: text } };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    return finalDelivery(parley, requestId);
  }

  it('a Twilio-signed STOP suppresses the number, withdraws consent, is confirmed once in TwiML, and the next promotional SMS is skipped with the reason', async () => {
    const number = phone();
    const userId = await customer(number);
    expect(await promotionalSms(userId, number)).toMatchObject({ status: 'sent', provider: 'twilio' });

    const first = await twilioInbound(number, '  Stop ');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/xml');
    expect(await first.text()).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${DEFAULT_SMS_REPLIES.stop}</Message></Response>`);

    // Repeated STOPs (and synonyms) change nothing and are not confirmed again.
    for (const word of ['STOP', 'unsubscribe']) {
      const again = await twilioInbound(number, word);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    }

    const skipped = await promotionalSms(userId, number);
    expect(skipped).toMatchObject({ status: 'skipped', errorCode: 'sms_opted_out' });
    expect(skipped.history.at(-1)).toMatchObject({ status: 'skipped', code: 'sms_opted_out', detail: expect.stringContaining('replied STOP') });
    expect(twilio.requests.filter((r) => r.params.To === number)).toHaveLength(1);

    const sms = await consents.history(userId);
    expect(sms.map((c) => [c.vendorId, c.granted, c.source])).toEqual([
      ['mug-shop', true, 'checkout'],
      ['mug-shop', false, 'sms_stop'],
    ]);
    const listed = await parley.request('GET', '/suppressions?channel=sms&reason=stop');
    expect(listed.body.suppressions.find((s: any) => s.address === number)).toMatchObject({ reason: 'stop', addedBy: 'sms:twilio:twilio' });
  });

  it('STOP blocks transactional SMS too, as carriers do', async () => {
    const number = phone();
    const userId = await customer(number);
    await twilioInbound(number, 'QUIT');
    const requestId = randomUUID();
    const body = { requestId, notificationType: 'transactional', channels: ['sms'], recipient: { userId, phoneNumber: number }, message: { smsText: 'Your code is 1234' } };
    await parley.request('POST', '/notifications', { body });
    expect(await finalDelivery(parley, requestId)).toMatchObject({ status: 'skipped', errorCode: 'sms_opted_out' });
  });

  it('START lifts the STOP, restores the consent STOP withdrew and is confirmed once; SMS flows again', async () => {
    const number = phone();
    const userId = await customer(number);
    await twilioInbound(number, 'STOP');
    const start = await twilioInbound(number, 'start');
    expect(await start.text()).toContain(`<Message>${DEFAULT_SMS_REPLIES.start}</Message>`);
    expect(await (await twilioInbound(number, 'YES')).text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await promotionalSms(userId, number)).toMatchObject({ status: 'sent' });
    expect((await consents.history(userId)).map((c) => [c.vendorId, c.granted, c.source])).toEqual([
      ['mug-shop', true, 'checkout'],
      ['mug-shop', false, 'sms_stop'],
      ['mug-shop', true, 'sms_start'],
    ]);
    const events = await parley.request('GET', `/suppressions/events?channel=sms&address=${encodeURIComponent(number)}`);
    expect(events.body.events.map((e: any) => [e.action, e.reason, e.actor])).toEqual([
      ['removed', 'stop', 'sms:twilio:twilio'],
      ['added', 'stop', 'sms:twilio:twilio'],
    ]);
  });

  it('HELP and INFO answer the configured text every time; other messages get no answer', async () => {
    const number = phone();
    for (const word of ['help', 'INFO']) {
      expect(await (await twilioInbound(number, word)).text()).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Mug Market alerts. Reply STOP to opt out. Msg &amp; data rates may apply.</Message></Response>',
      );
    }
    expect(await (await twilioInbound(number, 'please stop the noise')).text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const listed = await parley.request('GET', '/suppressions?channel=sms&limit=200');
    expect(listed.body.suppressions.some((s: any) => s.address === number)).toBe(false);
  });

  it('refuses an unsigned or wrongly signed request with 403, and nothing changes', async () => {
    const number = phone();
    const userId = await customer(number);
    const forged = twilioSignature('not-the-auth-token', `${publicUrl}/callbacks/twilio/twilio/inbound`, { Body: 'STOP', From: number });
    for (const signature of ['', forged, 'bm90IGEgc2lnbmF0dXJl']) {
      const refused = await twilioInbound(number, 'STOP', signature);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('invalid_signature');
    }
    // Signed for another URL (a replay against another endpoint).
    const params = { Body: 'STOP', From: number };
    const elsewhere = await fetch(`${parley.url}/callbacks/twilio/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilio.authToken, `${publicUrl}/callbacks/twilio/twilio`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(elsewhere.status).toBe(403);
    expect((await consents.history(userId)).map((c) => c.source)).toEqual(['checkout']);
    const events = await parley.request('GET', `/suppressions/events?channel=sms&address=${encodeURIComponent(number)}`);
    expect(events.body.events).toEqual([]);
    expect(await promotionalSms(userId, number)).toMatchObject({ status: 'sent' });
  });

  it('takes a signed Vonage inbound STOP, confirms it once through Vonage, refuses bad or stale signatures', async () => {
    const number = phone();
    const userId = await customer(number);
    const post = (params: Record<string, string>, json = false) =>
      fetch(`${parley.url}/callbacks/vonage/vonage/inbound`, {
        method: 'POST',
        headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
      });
    const msisdn = number.slice(1);
    const message = { msisdn, to: '15005550007', text: 'STOP' };

    const tampered = { ...vonage.signedInbound(message), text: 'HELP' };
    expect((await post(tampered)).status).toBe(403);
    expect((await post(vonage.signedInbound(message, { secret: 'wrong' }))).status).toBe(403);
    expect((await post(vonage.signedInbound(message, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(403);
    const { sig: _sig, ...unsigned } = vonage.signedInbound(message);
    expect((await post(unsigned)).status).toBe(403);
    expect(vonage.requests.filter((r) => r.params.to === msisdn)).toHaveLength(0);

    const first = await post(vonage.signedInbound(message));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ keyword: 'stop', replied: true });
    const again = await post(vonage.signedInbound({ ...message, text: 'stop' }), true);
    expect(await again.json()).toEqual({ keyword: 'stop', replied: false });
    const replies = vonage.requests.filter((r) => r.params.to === msisdn);
    expect(replies.map((r) => [r.params.from, r.params.text])).toEqual([['15005550007', DEFAULT_SMS_REPLIES.stop]]);
    expect((await consents.history(userId)).map((c) => c.source)).toEqual(['checkout', 'sms_stop']);
    expect(await promotionalSms(userId, number)).toMatchObject({ status: 'skipped', errorCode: 'sms_opted_out' });

    const help = await post(vonage.signedInbound({ ...message, text: 'Help' }));
    expect(await help.json()).toEqual({ keyword: 'help', replied: true });
    expect(vonage.requests.filter((r) => r.params.to === msisdn).at(-1)!.params.text).toBe(helpText);
  });

  it('a STOP from a number no user has is still honoured: suppressed, with no consent to withdraw', async () => {
    const number = phone();
    expect(await (await twilioInbound(number, 'END')).text()).toContain('<Message>');
    const listed = await parley.request('GET', '/suppressions?channel=sms&reason=stop&limit=200');
    expect(listed.body.suppressions.some((s: any) => s.address === number)).toBe(true);
  });
});
