import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentLog } from '../src/consents/consent-log.ts';
import { createUserExport } from '../src/privacy/user-export.ts';
import { backends } from './support/backends.ts';
import { placeOrder, quietJobs } from './support/marketplace.ts';
import { sendMessage, startParley, type TestParley } from './support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('personal-data export on $name', (backend) => {
  let parley: TestParley;
  const buyer = id('buyer');
  const seller = id('seller');
  let orderId: string;
  let conversationId: string;
  let logId: string;
  let validate: ReturnType<Ajv['compile']>;

  /** The export as `as` downloads it (undefined: the operator's API key), checked against the documented schema. */
  async function exported(userId: string, as?: string) {
    const reply = await parley.request('GET', `/users/${encodeURIComponent(userId)}/export`, as ? { as } : {});
    if (reply.status === 200) expect(validate(reply.body), JSON.stringify(validate.errors)).toBe(true);
    return reply;
  }

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
    ({ orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Mug Shop' } }));
    expect((await sendMessage(parley, conversationId, 'Is the blue mug dishwasher safe?', { as: buyer })).status).toBe(201);
    expect((await sendMessage(parley, conversationId, 'Yes, up to 60 degrees.', { as: seller, role: 'seller' })).status).toBe(201);
    expect((await parley.request('PUT', `/users/${buyer}/contact`, { body: { name: 'Ana', email: `${buyer}@example.com` } })).status).toBe(200);
    const prefs = await parley.request('PUT', `/users/${buyer}/preferences`, {
      as: buyer,
      body: { preferences: { channels: { promotional: ['email'] }, optOut: { sms: true } } },
    });
    expect(prefs.status).toBe(200);
    expect((await parley.request('POST', `/users/${buyer}/devices`, { as: buyer, body: { deviceId: 'phone', token: 'fcm-token-secret-9876', platform: 'android' } })).status).toBe(201);
    const requestId = randomUUID();
    const sent = await parley.request('POST', '/notifications', {
      body: { requestId, notificationType: 'transactional', channels: ['in-app'], recipient: { userId: buyer }, message: { inAppMessage: { title: 'Order shipped', body: 'Your mug is on its way.' } } },
    });
    expect(sent.status).toBe(202);
    for (let i = 0; i < 200; i++) {
      const { body } = await parley.request('GET', `/notifications/${requestId}`);
      logId = body.deliveries?.[0]?.logId;
      if (logId && body.deliveries[0].status !== 'queued') break;
      await sleep(25);
    }
    const document = (await parley.request('GET', '/openapi.json')).body;
    const schema = document.paths['/users/{userId}/export'].get.responses['200'].content['application/json'].schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
  });
  afterAll(async () => parley?.close());

  it('gives a user everything held about them: messages decrypted, notifications, preferences, devices masked, orders', async () => {
    // The buyer opened the shipping notice in the app and followed it.
    expect((await parley.request('POST', `/notifications/${logId}/clicked`, { as: buyer })).status).toBe(200);
    const reply = await exported(buyer, buyer);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="parley-export-${buyer}.json"; filename*=UTF-8''parley-export-${buyer}.json`);
    const doc = reply.body;
    expect(doc).toMatchObject({ format: 'parley-export/1', userId: buyer, contact: { name: 'Ana', email: `${buyer}@example.com` } });
    const conversation = doc.conversations.find((c: any) => c.conversationId === conversationId);
    expect(conversation).toMatchObject({ orderId, participation: { role: 'buyer' }, disputes: [] });
    const texts = conversation.messages.map((m: any) => [m.senderId, m.content]);
    expect(texts).toEqual(expect.arrayContaining([[buyer, 'Is the blue mug dishwasher safe?'], [seller, 'Yes, up to 60 degrees.']]));
    const seqs = conversation.messages.map((m: any) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Placing the order notified the buyer too.
    expect(doc.notifications).toContainEqual(expect.objectContaining({ logId, channel: 'in-app', notificationType: 'transactional', content: { kind: 'literal', fields: { title: 'Order shipped', body: 'Your mug is on its way.' } } }));
    const notice = doc.notifications.find((n: any) => n.logId === logId);
    // A click implies the open (openedAt) without a recorded open of its own.
    expect(notice).toMatchObject({ openedAt: notice.clickedAt, clickedAt: expect.any(String), opens: { people: 0, machines: 0 } });
    expect(notice.clicks).toEqual([{ at: notice.clickedAt, url: null, source: 'app', machine: false }]);
    expect(doc.preferences).toMatchObject({ channels: { promotional: ['email'] }, optOut: { sms: true, email: false } });
    expect(doc.devices).toEqual([expect.objectContaining({ deviceId: 'phone', platform: 'android', token: '****9876' })]);
    expect(JSON.stringify(doc)).not.toContain('fcm-token-secret');
    expect(doc.orders).toEqual([expect.objectContaining({ orderId, role: 'buyer', buyerId: buyer, sellerId: seller, currency: 'EUR', total: 59.9 })]);
    expect(doc.suppressions).toEqual([]);
    expect(doc.sellerReplies).toEqual({ templates: [], quickReplies: [] });
  });

  it("gives the seller their side: the buyer's message received, their quick replies, the order as seller", async () => {
    expect((await parley.request('POST', '/marketplace/messaging/quick-replies', { as: seller, role: 'seller', body: { content: 'Thanks for asking!' } })).status).toBe(201);
    const reply = await parley.request('GET', `/users/${seller}/export`, { as: seller, role: 'seller' });
    expect(reply.status).toBe(200);
    expect(validate(reply.body), JSON.stringify(validate.errors)).toBe(true);
    const conversation = reply.body.conversations.find((c: any) => c.conversationId === conversationId);
    expect(conversation.participation.role).toBe('seller');
    expect(conversation.messages.map((m: any) => m.content)).toContain('Is the blue mug dishwasher safe?');
    expect(reply.body.sellerReplies.quickReplies).toEqual([expect.objectContaining({ content: 'Thanks for asking!' })]);
    expect(reply.body.orders).toEqual([expect.objectContaining({ orderId, role: 'seller' })]);
  });

  it("keeps the masking record: the sender's own text and counts, the recipient's masked view", async () => {
    const leaky = 'Call me on +1 415 555 2671 or mail shop@example.com';
    const sent = await sendMessage(parley, conversationId, leaky, { as: seller, role: 'seller' });
    expect(sent.status).toBe(201);
    const sellerSide = (await parley.request('GET', `/users/${seller}/export`, { as: seller, role: 'seller' })).body;
    const own = sellerSide.conversations.find((c: any) => c.conversationId === conversationId);
    expect(own.contactDetailsMasked).toEqual({ messages: 1, phone: 1, email: 1, link: 0 });
    expect(own.messages.find((m: any) => m.messageId === sent.body.messageId)).toMatchObject({ content: leaky, masked: false });
    const buyerSide = (await exported(buyer, buyer)).body.conversations.find((c: any) => c.conversationId === conversationId);
    expect(buyerSide.contactDetailsMasked).toEqual({ messages: 0, phone: 0, email: 0, link: 0 });
    const received = buyerSide.messages.find((m: any) => m.messageId === sent.body.messageId);
    expect(received.masked).toBe(true);
    expect(received.content).not.toContain('555 2671');
  });

  it("refuses a stranger (403 not_your_data), and lets an operator export anyone's", async () => {
    const stranger = await parley.request('GET', `/users/${buyer}/export`, { as: id('buyer') });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('not_your_data');
    const sellerAsking = await parley.request('GET', `/users/${buyer}/export`, { as: seller, role: 'seller' });
    expect(sellerAsking.status).toBe(403);
    const operator = await exported(buyer);
    expect(operator.status).toBe(200);
    expect(operator.body.userId).toBe(buyer);
  });

  it('includes the consent log: every consent given and withdrawn, oldest first, with the text shown', async () => {
    const vendor = id('vendor');
    const given = { vendorId: vendor, channel: 'email', granted: true, source: 'checkout', textShown: 'Send me Mug Shop offers' };
    expect((await parley.request('POST', `/users/${buyer}/consents`, { as: buyer, body: given })).status).toBe(201);
    expect((await parley.request('POST', `/users/${buyer}/consents`, { as: buyer, body: { vendorId: vendor, channel: 'email', granted: false, source: 'preferences' } })).status).toBe(201);
    const doc = (await exported(buyer, buyer)).body;
    const mine = doc.consents.filter((c: any) => c.vendorId === vendor);
    expect(mine.map((c: any) => [c.granted, c.source, c.textShown])).toEqual([[true, 'checkout', 'Send me Mug Shop offers'], [false, 'preferences', null]]);
    expect(mine[0].ipAddress).toBeTruthy();
  });

  it('exports a user Parley holds nothing about as an empty document', async () => {
    const nobody = id('nobody');
    const reply = await exported(nobody, nobody);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ userId: nobody, contact: null, devices: [], conversations: [], notifications: [], orders: [], suppressions: [], consents: [] });
  });

  it('pages through long lists without losing or repeating anything (two rows a page)', async () => {
    for (let i = 0; i < 4; i++) expect((await sendMessage(parley, conversationId, `extra ${i}`, { as: buyer })).status).toBe(201);
    await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Mug Shop' } });
    await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Mug Shop' } });
    for (let i = 0; i < 3; i++) {
      const extra = { requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId: buyer }, message: { inAppMessage: { title: `t${i}`, body: `b${i}` } } };
      expect((await parley.request('POST', '/notifications', { body: extra })).status).toBe(202);
    }
    const whole = (await exported(buyer, buyer)).body;
    const small = createUserExport({
      db: parley.db,
      pageSize: 2,
      // The API's own reading of messages and preferences, as this user.
      messagesAfter: async (c, after, limit) => (await parley.request('GET', `/conversations/${c}/messages?after=${after}&limit=${limit}`, { as: buyer })).body.messages,
      preferences: { read: async (userId) => (await parley.request('GET', `/users/${userId}/preferences`, { as: userId })).body },
      consents: createConsentLog(parley.db),
    });
    let text = '';
    for await (const piece of await small.document(buyer, new Date(whole.exportedAt))) text += piece;
    const paged = JSON.parse(text);
    expect(validate(paged), JSON.stringify(validate.errors)).toBe(true);
    expect(whole.conversations.length).toBe(3);
    expect(whole.orders.length).toBe(3);
    expect(whole.notifications.length).toBeGreaterThanOrEqual(4);
    expect(whole.conversations.find((c: any) => c.conversationId === conversationId).messages.length).toBeGreaterThanOrEqual(6);
    const ids = (doc: any) => ({
      conversations: doc.conversations.map((c: any) => [c.conversationId, c.messages.map((m: any) => m.messageId)]),
      notifications: doc.notifications.map((n: any) => n.logId),
      orders: doc.orders.map((o: any) => o.orderId),
    });
    expect(ids(paged)).toEqual(ids(whole));
  });
});
