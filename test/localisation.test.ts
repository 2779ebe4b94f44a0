import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../src/crypto/signed-links.ts';
import { backends } from './support/backends.ts';
import { applied, deliveredOrder, payment, placeOrder } from './support/marketplace.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('texts in the user’s language ($name)', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend);
  });
  afterAll(async () => {
    await parley?.close();
  });

  const feed = async (userId: string, role: 'buyer' | 'seller') => (await parley.request('GET', '/me/notifications', { as: userId, role })).body.notifications as { title: string; body: string }[];
  const setLocale = async (userId: string, locale: string) => {
    const reply = await parley.request('PUT', `/users/${userId}/contact`, { body: { locale } });
    expect(reply.status).toBe(200);
    return reply;
  };

  it('writes each side’s order notices in their contact’s locale; an unknown locale falls back to English and the contact says so', async () => {
    const buyer = id('buyer');
    const seller = id('seller');
    await setLocale(buyer, 'de-DE');
    const unknown = await setLocale(seller, 'fr-CA');
    expect(unknown.body).toMatchObject({ locale: 'fr-CA', textLocale: 'en' });
    expect(unknown.headers.get('content-language')).toBe('en');
    const german = await parley.request('GET', `/users/${buyer}/contact`, { as: buyer });
    expect(german.body).toMatchObject({ locale: 'de-DE', textLocale: 'de' });
    expect(german.headers.get('content-language')).toBe('de');

    const { orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Dora' }, seller: { userId: seller, name: 'Shop Un' }, total: 59.9, currency: 'EUR' });
    await eventually(async () => (await feed(buyer, 'buyer')).some((n) => n.title === `Bestellung ${orderId} aufgegeben` && n.body.startsWith('Vielen Dank! Ihre Bestellung über 59.90 EUR liegt bei Shop Un')), 'the buyer’s German notice');
    await eventually(async () => (await feed(seller, 'seller')).some((n) => n.title === `New order ${orderId}` && n.body === 'Dora ordered 2 items for 59.90 EUR.'), 'the seller’s English notice');

    // The system message is stored once for both: in the default locale.
    const messages = (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer })).body.messages;
    expect(messages[0].content).toBe(`Order ${orderId} was placed for 59.90 EUR.`);
  });

  it('words a notice with the operator’s notification template for the recipient’s language, and keeps the catalogue for the others', async () => {
    const key = 'parley.order.paid.buyer';
    const created = await parley.request('POST', '/templates', {
      body: { key, channel: 'in-app', locale: 'de', content: { title: 'Bezahlt: {{ orderId }}', body: 'Danke für {{ amount }}, {{ seller }}.' }, sampleData: { orderId: 'o-1', amount: '1.00 EUR', seller: 'Shop' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    try {
      const germanBuyer = id('buyer');
      const englishBuyer = id('buyer');
      await setLocale(germanBuyer, 'de');
      const first = await placeOrder(parley, { buyer: { userId: germanBuyer, name: 'Dora' }, seller: { userId: id('seller'), name: 'Shop Zwei' } });
      const second = await placeOrder(parley, { buyer: { userId: englishBuyer, name: 'Ed' }, seller: { userId: id('seller'), name: 'Shop Three' } });
      await applied(parley, 'paid', first.orderId, payment(59.9, 'EUR'));
      await applied(parley, 'paid', second.orderId, payment(59.9, 'EUR'));
      await eventually(async () => (await feed(germanBuyer, 'buyer')).some((n) => n.title === `Bezahlt: ${first.orderId}` && n.body === 'Danke für 59.90 EUR, Shop Zwei.'), 'the operator’s German wording');
      await eventually(async () => (await feed(englishBuyer, 'buyer')).some((n) => n.title === 'Payment received' && n.body === `We received your payment of 59.90 EUR for order ${second.orderId}.`), 'the English catalogue text');
    } finally {
      await parley.request('DELETE', `/templates/${created.body.templateId}`);
    }
  });

  it('asks a German buyer for a rating in German, while the card in the conversation is in the default locale', async () => {
    const buyer = id('buyer');
    await setLocale(buyer, 'de');
    const { orderId, conversationId } = await deliveredOrder(parley, { buyer: { userId: buyer, name: 'Dora' }, seller: { userId: id('seller'), name: 'Shop Vier' } });
    await eventually(
      async () => (await feed(buyer, 'buyer')).some((n) => n.title === 'Wie hat der Verkäufer kommuniziert?' && n.body === `Die Bestellung ${orderId} wurde zugestellt. Bewerten Sie die Kommunikation des Verkäufers im Gespräch zur Bestellung mit 1 bis 5 Sternen.`),
      'the German rating ask',
    );
    const messages = (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer })).body.messages as { messageType: string; content: string }[];
    expect(messages.find((m) => m.messageType === 'rating_request')?.content).toBe(`Order ${orderId} was delivered. How did the seller communicate with you? Rate it from 1 to 5 stars; you can add a comment.`);
  });

  it('serves the hosted preference page in a language it has, says which in Content-Language, and never refuses an unknown one', async () => {
    const links = new LinkSigner(parley.config.encryptionKey, parley.url);
    const unknown = links.url('/preferences/page', links.sign('preferences', { userId: id('buyer'), locale: 'fr' }));
    const plain = await fetch(unknown);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-language')).toBe('en');
    expect(await plain.text()).toContain('<html lang="en">');
    const asked = await fetch(unknown, { headers: { 'accept-language': 'fr, de;q=0.8' } });
    expect(asked.headers.get('content-language')).toBe('de');
    expect(await asked.text()).toContain('Ihre Benachrichtigungseinstellungen');
    const german = await fetch(links.url('/preferences/page', links.sign('preferences', { userId: id('buyer'), locale: 'de-CH' })));
    expect(german.headers.get('content-language')).toBe('de');
  });
});
