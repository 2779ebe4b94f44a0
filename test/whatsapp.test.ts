import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsentLog, createConsentLog } from '../src/consents/consent-log.ts';
import { backends } from './support/backends.ts';
import { type FakeWhatsApp, startFakeWhatsApp } from './support/fakes/whatsapp.ts';
import { eventually, expectRefusal, startParley, type TestParley } from './support/parley.ts';

let counter = 0;
/** A fresh number per test (E.164), so that tests do not see each other's windows and suppressions. */
const phone = () => `+4477009${String(Date.now() % 10_000).padStart(4, '0')}${counter++ % 10}`;
const digits = (number: string) => number.slice(1);

async function finalDelivery(parley: TestParley, requestId: string, channel = 'whatsapp') {
  let last: any;
  await eventually(async () => {
    const { body } = await parley.request('GET', `/notifications/${requestId}`);
    last = body.deliveries?.find((d: any) => d.channel === channel);
    return last && !['queued', 'standby', 'sending'].includes(last.status);
  }, `the ${channel} delivery`);
  return last;
}

describe.each(backends)('WhatsApp Business channel on $name', (backend) => {
  let parley: TestParley;
  let wa: FakeWhatsApp;
  let consents: ConsentLog;

  beforeAll(async () => {
    wa = await startFakeWhatsApp();
    wa.approve('order_update', 'en_US', 1);
    wa.approve('weekend_offer', 'en_US', 0);
    const providers = {
      whatsapp: [{ type: 'whatsapp', name: 'meta', phoneNumberId: wa.phoneNumberId, accessToken: wa.accessToken, appSecret: wa.appSecret, verifyToken: wa.verifyToken, baseUrl: wa.url }],
    };
    parley = await startParley(backend, {
      env: {
        PARLEY_POLL_MS: '50',
        PARLEY_RETRY_BASE_MS: '20',
        PARLEY_PROVIDERS: JSON.stringify(providers),
        PARLEY_NOTIFICATION_TYPES: JSON.stringify({ systemAlert: { strategy: 'fallback', fallbackAfterSeconds: 30 } }),
      },
    });
    consents = createConsentLog(parley.db);
  });
  afterAll(async () => {
    await parley?.close();
    await wa?.close();
  });

  /** Posts a webhook body to Parley signed as Meta signs it (or with `signature`; '' for none). */
  function webhook(body: string, signature?: string) {
    return fetch(`${parley.url}/callbacks/whatsapp/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === '' ? {} : { 'x-hub-signature-256': signature ?? wa.sign(body) }) },
      body,
    });
  }

  /** The customer writes to the business: their window opens (the fake's too, as the real API's would). */
  async function customerWrites(number: string, text = 'Hi, where is my parcel?') {
    const reply = await webhook(wa.inboundPayload([{ from: digits(number), text }]));
    expect(reply.status).toBe(200);
    wa.openWindow(digits(number));
    return reply.json();
  }

  async function send(userId: string, number: string, message: Record<string, unknown>, type = 'transactional', extra: Record<string, unknown> = {}) {
    const requestId = randomUUID();
    const body = { requestId, notificationType: type, channels: ['whatsapp'], recipient: { userId, phoneNumber: number }, message, ...extra };
    const reply = await parley.request('POST', '/notifications', { body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    return { requestId, delivery: await finalDelivery(parley, requestId) };
  }

  const template = { name: 'order_update', language: 'en_US', parameters: ['A-1001'] };

  it('sends free text inside the 24-hour window opened by an inbound message', async () => {
    const number = phone();
    expect(await customerWrites(number)).toEqual({ received: 0, matched: 0, inbound: 1 });
    const { delivery } = await send('wa-buyer-1', number, { whatsapp: { text: 'Your parcel left the warehouse.', template } });
    expect(delivery).toMatchObject({ status: 'sent', provider: 'meta' });
    const sent = wa.requests.find((r) => r.body.to === digits(number));
    expect(delivery.externalMessageId).toBe(sent!.id);
    expect(sent!.body).toMatchObject({ to: digits(number), type: 'text', text: { body: 'Your parcel left the warehouse.' } });
    expect(delivery.history.find((h: any) => h.status === 'sent')).toMatchObject({ detail: expect.stringContaining('free text') });
  });

  it('sends the template outside the window, and the status webhook moves the delivery to delivered and read', async () => {
    const number = phone();
    const { requestId, delivery } = await send('wa-buyer-2', number, { body: 'Order A-1001 shipped.', whatsapp: { template } });
    expect(delivery).toMatchObject({ status: 'sent', provider: 'meta' });
    const sent = wa.requests.find((r) => r.body.to === digits(number))!;
    expect(sent.body).toMatchObject({ type: 'template', template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'A-1001' }] }] } });

    const statuses = wa.statusPayload([
      { id: sent.id, status: 'delivered', recipientId: digits(number) },
      { id: sent.id, status: 'read', recipientId: digits(number) },
    ]);
    const reply = await webhook(statuses);
    expect(await reply.json()).toEqual({ received: 2, matched: 2, inbound: 0 });
    const after = await finalDelivery(parley, requestId);
    expect(after.status).toBe('opened');
    expect(after.history.map((h: any) => h.status)).toEqual(expect.arrayContaining(['provider_delivered', 'provider_opened']));
  });

  it('fails free text outside the window with outside_service_window, and a fallback chain goes on to SMS', async () => {
    const number = phone();
    const { delivery } = await send('wa-buyer-3', number, { whatsapp: { text: 'Reply to confirm your address.' } });
    expect(delivery).toMatchObject({ status: 'failed', errorCode: 'outside_service_window' });
    expect(delivery.errorMessage).toContain('24-hour customer-service window');
    expect(delivery.errorMessage).toContain('message.whatsapp.template');
    expect(wa.requests.some((r) => r.body.to === digits(number))).toBe(false);

    const requestId = randomUUID();
    const body = { requestId, notificationType: 'systemAlert', channels: ['whatsapp', 'sms'], recipient: { userId: 'wa-buyer-3', phoneNumber: number }, message: { body: 'Your account was signed in from a new device.' } };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    expect(await finalDelivery(parley, requestId, 'whatsapp')).toMatchObject({ status: 'failed', errorCode: 'outside_service_window' });
    expect(await finalDelivery(parley, requestId, 'sms')).toMatchObject({ status: 'sent' });
  });

  it('a failed status from the webhook fails the delivery with the reason', async () => {
    const number = phone();
    const { requestId, delivery } = await send('wa-buyer-4', number, { whatsapp: { template } });
    expect(delivery.status).toBe('sent');
    const sent = wa.requests.find((r) => r.body.to === digits(number))!;
    await webhook(wa.statusPayload([{ id: sent.id, status: 'failed', recipientId: digits(number), errors: [{ code: 131026, title: 'Message undeliverable' }] }]));
    const after = await finalDelivery(parley, requestId);
    expect(after).toMatchObject({ status: 'failed', errorCode: 'failed' });
    expect(after.history.at(-1).detail).toContain('131026 Message undeliverable');
  });

  it('skips a promotion to a recipient without WhatsApp opt-in, and sends it once they opted in', async () => {
    const number = phone();
    const userId = `wa-buyer-${randomUUID().slice(0, 8)}`;
    const offer = { whatsapp: { template: { name: 'weekend_offer', language: 'en_US' } } };
    const { delivery } = await send(userId, number, offer, 'promotional', { metadata: { vendorId: 'mug-shop' } });
    expect(delivery).toMatchObject({ status: 'skipped', errorCode: 'whatsapp_opt_in_missing' });
    expect(delivery.errorMessage).toContain('vendor mug-shop');
    expect(wa.requests.some((r) => r.body.to === digits(number))).toBe(false);

    // Consent to another vendor, or on another channel, is not consent to this one on WhatsApp.
    await consents.record([
      { userId, vendorId: 'other-shop', channel: 'whatsapp', granted: true, source: 'checkout' },
      { userId, vendorId: 'mug-shop', channel: 'sms', granted: true, source: 'checkout' },
    ]);
    expect((await send(userId, number, offer, 'promotional', { metadata: { vendorId: 'mug-shop' } })).delivery).toMatchObject({ status: 'skipped', errorCode: 'whatsapp_opt_in_missing' });

    await consents.record([{ userId, vendorId: 'mug-shop', channel: 'whatsapp', granted: true, source: 'checkout', textShown: 'Send me Mug Shop offers on WhatsApp' }]);
    expect((await send(userId, number, offer, 'promotional', { metadata: { vendorId: 'mug-shop' } })).delivery).toMatchObject({ status: 'sent', provider: 'meta' });
    expect(wa.requests.filter((r) => r.body.to === digits(number))).toHaveLength(1);
  });

  it('refuses a callback with a bad or missing signature and writes nothing', async () => {
    const number = phone();
    const { requestId } = await send('wa-buyer-5', number, { whatsapp: { template } });
    const sent = wa.requests.find((r) => r.body.to === digits(number))!;
    const windowsBefore = await parley.db.selectFrom('whatsapp_service_windows').selectAll().execute();

    const inbound = wa.inboundPayload([{ from: digits(number), text: 'STOP' }]);
    const delivered = wa.statusPayload([{ id: sent.id, status: 'delivered', recipientId: digits(number) }]);
    for (const [body, signature] of [
      [inbound, wa.sign(inbound, 'not-the-app-secret')],
      [delivered, wa.sign(delivered, 'not-the-app-secret')],
      [delivered, ''],
      [delivered, 'sha256=abc'],
      [delivered, wa.sign(inbound)], // a signature of another body
    ] as const) {
      const reply = await webhook(body, signature);
      expectRefusal({ status: reply.status, body: await reply.json() }, 401, 'invalid_signature');
    }
    expect(await parley.db.selectFrom('whatsapp_service_windows').selectAll().execute()).toEqual(windowsBefore);
    expect((await finalDelivery(parley, requestId)).status).toBe('sent');
    const listed = await parley.request('GET', '/suppressions?channel=whatsapp');
    expect(listed.body.suppressions.some((s: any) => s.address === number)).toBe(false);

    // Signed but not a WhatsApp webhook: 400, nothing written.
    const bogus = JSON.stringify({ object: 'page', entry: [] });
    const refused = await webhook(bogus);
    expectRefusal({ status: refused.status, body: await refused.json() }, 400, 'invalid_events');
  });

  it('answers the verification request with the challenge only for the verify token', async () => {
    const ok = await fetch(`${parley.url}/callbacks/whatsapp/meta?hub.mode=subscribe&hub.verify_token=${wa.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${parley.url}/callbacks/whatsapp/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expectRefusal({ status: wrong.status, body: await wrong.json() }, 403, 'invalid_verify_token');
    const unknown = await fetch(`${parley.url}/callbacks/whatsapp/nobody?hub.mode=subscribe&hub.verify_token=${wa.verifyToken}&hub.challenge=1`);
    expect(unknown.status).toBe(404);
  });

  it('STOP sent on WhatsApp stops WhatsApp messages to the number and withdraws its WhatsApp consent; START restores both', async () => {
    const number = phone();
    const userId = `wa-buyer-${randomUUID().slice(0, 8)}`;
    expect((await parley.request('PUT', `/users/${userId}/contact`, { body: { phoneNumber: number } })).status).toBe(200);
    await consents.record([{ userId, vendorId: 'mug-shop', channel: 'whatsapp', granted: true, source: 'checkout' }]);

    await customerWrites(number, 'Stop');
    const stopped = await send(userId, number, { whatsapp: { text: 'Your parcel is here.', template } });
    expect(stopped.delivery).toMatchObject({ status: 'skipped', errorCode: 'whatsapp_opted_out' });
    expect(stopped.delivery.errorMessage).toContain('sent STOP on WhatsApp');
    const listed = await parley.request('GET', '/suppressions?channel=whatsapp&reason=stop');
    expect(listed.body.suppressions.find((s: any) => s.address === number)).toMatchObject({ reason: 'stop', addedBy: 'whatsapp:meta' });
    expect((await consents.history(userId)).map((c) => [c.vendorId, c.channel, c.granted, c.source])).toEqual([
      ['mug-shop', 'whatsapp', true, 'checkout'],
      ['mug-shop', 'whatsapp', false, 'whatsapp_stop'],
    ]);

    await customerWrites(number, 'START');
    expect((await send(userId, number, { whatsapp: { text: 'Your parcel is here.', template } })).delivery).toMatchObject({ status: 'sent' });
    expect((await consents.history(userId)).at(-1)).toMatchObject({ vendorId: 'mug-shop', channel: 'whatsapp', granted: true, source: 'whatsapp_start' });
  });

  it('honours the WhatsApp opt-out in preferences', async () => {
    const number = phone();
    const userId = `wa-buyer-${randomUUID().slice(0, 8)}`;
    expect((await parley.request('PUT', `/users/${userId}/preferences`, { body: { preferences: { optOut: { whatsapp: true } } } })).status).toBe(200);
    expect((await send(userId, number, { whatsapp: { template } })).delivery).toMatchObject({ status: 'skipped', errorCode: 'opted_out' });
  });

  it('refuses a WhatsApp request without a phone number or without content', async () => {
    const base = { notificationType: 'transactional', channels: ['whatsapp'] };
    const noPhone = await parley.request('POST', '/notifications', { body: { ...base, requestId: randomUUID(), recipient: { userId: 'u' }, message: { whatsapp: { template } } } });
    expectRefusal(noPhone, 400, 'missing_address');
    const noContent = await parley.request('POST', '/notifications', { body: { ...base, requestId: randomUUID(), recipient: { userId: 'u', phoneNumber: '+14155550100' }, message: { subject: 'Hello' } } });
    expectRefusal(noContent, 400, 'missing_content');
    expect(noContent.body.error.message).toContain('message.whatsapp.template');
    const badTemplate = await parley.request('POST', '/notifications', {
      body: { ...base, requestId: randomUUID(), recipient: { userId: 'u', phoneNumber: '+14155550100' }, message: { whatsapp: { template: { name: 'Order Update!', language: 'en_US' } } } },
    });
    expect(badTemplate.status).toBe(400);
  });
});
