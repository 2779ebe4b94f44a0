import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { type FakeFcm, startFakeFcm } from './support/fakes/fcm.ts';
import { SENDGRID_API_KEY, type SendGridFake, signedEvents, startSendGridFake } from './support/fakes/sendgrid.ts';
import { type SmtpFake, startSmtpFake } from './support/fakes/smtp.ts';
import { type FakeTwilio, startFakeTwilio } from './support/fakes/twilio.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const twilioCallbackBase = 'https://parley.example.com/callbacks/twilio/twilio';

async function finalDelivery(parley: TestParley, requestId: string, channel: string) {
  let last: any;
  await eventually(async () => {
    const { body } = await parley.request('GET', `/notifications/${requestId}`);
    last = body.deliveries.find((d: any) => d.channel === channel);
    return last && !['queued', 'standby', 'sending'].includes(last.status);
  }, `the ${channel} delivery`);
  return last;
}

function request(userId: string, channels: string[], recipient: Record<string, string>, message: Record<string, unknown>) {
  return { requestId: randomUUID(), notificationType: 'transactional', channels, recipient: { userId, ...recipient }, message };
}

describe.each(backends)('channels through real provider protocols on $name', (backend) => {
  let parley: TestParley;
  let smtp: SmtpFake;
  let sendgrid: SendGridFake;
  let twilio: FakeTwilio;
  let fcm: FakeFcm;

  beforeAll(async () => {
    [smtp, sendgrid, twilio, fcm] = await Promise.all([startSmtpFake(), startSendGridFake(), startFakeTwilio(), startFakeFcm()]);
    const providers = {
      email: [
        { type: 'smtp', name: 'smtp', host: smtp.host, port: smtp.port, secure: false, from: 'Shop <orders@shop.example>' },
        { type: 'sendgrid', name: 'sendgrid', apiKey: SENDGRID_API_KEY, from: 'orders@shop.example', baseUrl: sendgrid.url, eventWebhookPublicKey: signedEvents([]).publicKeyBase64 },
      ],
      sms: [{ type: 'twilio', name: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15005550006', statusCallbackUrl: twilioCallbackBase, baseUrl: twilio.url }],
      push: [{ type: 'fcm', name: 'fcm', serviceAccount: fcm.serviceAccount, baseUrl: fcm.url }],
    };
    // These tests read messages as the providers receive them: without open and click tracking
    // (test/engagement-tracking.test.ts covers it), an email's links arrive as written.
    const trackingOff = { PARLEY_TRACKING_OFF_TYPES: 'transactional,promotional,systemAlert' };
    parley = await startParley(backend, { env: { PARLEY_POLL_MS: '50', PARLEY_RETRY_BASE_MS: '20', PARLEY_PROVIDERS: JSON.stringify(providers), ...trackingOff } });
  });
  afterAll(async () => {
    await parley?.close();
    await Promise.all([smtp?.close(), sendgrid?.close(), twilio?.close(), fcm?.close()]);
  });

  it('sends email over SMTP with text and HTML parts, parsed back as sent', async () => {
    const buyer = user('buyer');
    const r = request(buyer, ['email'], { email: `${buyer}@example.com` }, { subject: 'Your order shipped', body: 'Track it at https://t.example/1', htmlBody: '<p>Track it <a href="https://t.example/1">here</a></p>' });
    expect((await parley.request('POST', '/notifications', { body: r })).status).toBe(202);
    const delivery = await finalDelivery(parley, r.requestId, 'email');
    expect(delivery).toMatchObject({ status: 'sent', provider: 'smtp' });
    const mail = smtp.requests.find((m) => m.to.includes(`${buyer}@example.com`));
    expect(mail).toMatchObject({ subject: 'Your order shipped', text: 'Track it at https://t.example/1', from: 'orders@shop.example' });
    expect(mail!.html).toContain('<a href="https://t.example/1">here</a>');
    expect(mail!.headers['x-parley-delivery-id']).toBe(delivery.logId);
    expect(delivery.externalMessageId).toBe(`<${delivery.logId}@shop.example>`);
  });

  it('fails over to SendGrid when SMTP refuses, and tracks its signed events: delivered, opened, then a hard bounce that suppresses the address', async () => {
    const buyer = user('buyer');
    const address = `${buyer}@example.com`;
    // The SMTP server defers three messages in a row: its breaker opens (threshold 5 is the default; these three are retries of one delivery plus two more).
    smtp.script('rcpt-451', 'rcpt-451', 'rcpt-451', 'rcpt-451', 'rcpt-451');
    const first = request(buyer, ['email'], { email: address }, { subject: 'Receipt', body: 'Thanks for your order.' });
    await parley.request('POST', '/notifications', { body: { ...first, metadata: { retries: 6 } } });
    const sent = await finalDelivery(parley, first.requestId, 'email');
    expect(sent).toMatchObject({ status: 'sent', provider: 'sendgrid' });
    expect(sent.history.filter((h: any) => h.status === 'attempt_failed').map((h: any) => h.provider)).toEqual(['smtp', 'smtp', 'smtp', 'smtp', 'smtp']);
    const mail = sendgrid.requests.find((q) => q.body.personalizations[0]!.to[0]!.email === address)!;
    expect(mail.body.personalizations[0]!.custom_args).toMatchObject({ parley_delivery_id: sent.logId, parley_request_id: first.requestId });

    const post = (events: unknown[], tamper = false) => {
      const signed = signedEvents(events);
      return fetch(`${parley.url}/callbacks/sendgrid/sendgrid`, { method: 'POST', headers: { ...signed.headers, 'content-type': 'application/json' }, body: tamper ? signed.body.replace('open', 'click') : signed.body });
    };
    const event = (kind: string, extra: Record<string, unknown> = {}) => ({ email: address, timestamp: Math.floor(Date.now() / 1000), event: kind, sg_message_id: `${mail.messageId}.filter0001`, parley_delivery_id: sent.logId, ...extra });
    expect((await post([event('open')], true)).status).toBe(401);
    expect((await post([event('delivered')])).status).toBe(200);
    expect((await post([event('open')])).status).toBe(200);
    const opened = await finalDelivery(parley, first.requestId, 'email');
    expect(opened.status).toBe('opened');
    expect(opened.deliveryTime).not.toBeNull();
    expect(opened.history.map((h: any) => h.status)).toEqual(expect.arrayContaining(['provider_delivered', 'provider_opened']));

    const second = request(buyer, ['email'], { email: address }, { subject: 'Another', body: 'Hello again.' });
    await parley.request('POST', '/notifications', { body: second });
    const again = await finalDelivery(parley, second.requestId, 'email');
    const bounce = { ...event('bounce', { type: 'bounce', reason: '550 5.1.1 mailbox does not exist' }), parley_delivery_id: again.logId };
    expect((await post([bounce])).status).toBe(200);
    expect(await finalDelivery(parley, second.requestId, 'email')).toMatchObject({ status: 'bounced', errorCode: 'hard_bounce' });
    const third = request(buyer, ['email'], { email: address }, { subject: 'Third', body: 'Will not go.' });
    await parley.request('POST', '/notifications', { body: third });
    expect(await finalDelivery(parley, third.requestId, 'email')).toMatchObject({ status: 'skipped', errorCode: 'address_suppressed' });
    expect((await fetch(`${parley.url}/callbacks/sendgrid/nope`, { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });

  it('sends SMS through Twilio and takes its signed status callback', async () => {
    const buyer = user('buyer');
    const r = request(buyer, ['sms'], { phoneNumber: '+14155550123' }, { smsText: 'Your code is 123456 — valid 10 min' });
    await parley.request('POST', '/notifications', { body: r });
    const sent = await finalDelivery(parley, r.requestId, 'sms');
    const message = twilio.requests.find((q) => q.params.To === '+14155550123' && q.params.Body?.startsWith('Your code'))!;
    expect(sent).toMatchObject({ status: 'sent', provider: 'twilio', externalMessageId: message.sid });
    expect(sent.history[0].detail).toBe('1 segment(s), UCS-2');
    const callbackUrl = message.params.StatusCallback!;
    expect(callbackUrl).toBe(`${twilioCallbackBase}?deliveryId=${sent.logId}`);
    const params = { MessageSid: message.sid, MessageStatus: 'delivered', To: '+14155550123', AccountSid: twilio.accountSid };
    const post = (headers: Record<string, string>) =>
      fetch(`${parley.url}/callbacks/twilio/twilio?deliveryId=${sent.logId}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    expect((await post({ 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(401);
    expect((await post(twilio.signedStatusCallback(callbackUrl, params))).status).toBe(200);
    expect(await finalDelivery(parley, r.requestId, 'sms')).toMatchObject({ status: 'delivered' });
  });

  it('pushes to every registered device through FCM and removes a token FCM reports as gone', async () => {
    const buyer = user('buyer');
    for (const deviceId of ['phone', 'tablet']) {
      await parley.request('POST', `/users/${buyer}/devices`, { as: buyer, body: { deviceId, token: `${deviceId}-${buyer}`, platform: 'android' } });
    }
    const push = { pushNotification: { title: 'Price drop', body: 'An item on your list is 20% off', action: { type: 'openProduct', url: 'https://shop.example/p/1' } } };
    const r = request(buyer, ['push'], {}, push);
    await parley.request('POST', '/notifications', { body: r });
    const sent = await finalDelivery(parley, r.requestId, 'push');
    expect(sent.status).toBe('sent');
    const tokens = fcm.requests.filter((q) => q.message.data.parley_delivery_id === sent.logId).map((q) => q.message.token).sort();
    expect(tokens).toEqual([`phone-${buyer}`, `tablet-${buyer}`]);

    fcm.script('unregistered', 'unregistered');
    const gone = request(buyer, ['push'], {}, push);
    await parley.request('POST', '/notifications', { body: gone });
    expect(await finalDelivery(parley, gone.requestId, 'push')).toMatchObject({ status: 'failed', errorCode: 'invalid_token' });
    await eventually(async () => (await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer })).body.deviceTokens.length === 0, 'the tokens to be removed');
    const none = request(buyer, ['push'], {}, push);
    await parley.request('POST', '/notifications', { body: none });
    expect(await finalDelivery(parley, none.requestId, 'push')).toMatchObject({ status: 'skipped', errorCode: 'no_device' });
  });
});
