import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { applied, payment, placeOrder, quietJobs } from './support/marketplace.ts';
import { closeSocket, expectRefused, expectSentence, type RequestOptions, sendMessage, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const rulePath = '/marketplace/messaging/settings/contact-reveal';
const phone = 'Call me on +1 415 555 2671 when you are here';
const masked = 'Call me on [phone number hidden] when you are here';

describe.each(backends)('masking that follows the order on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
  });
  afterAll(async () => parley?.close());

  async function order(fulfilment?: string) {
    const buyer = uid('buyer');
    const seller = uid('seller');
    const orderId = uid('order');
    const body = await applied(parley, 'placed', orderId, {
      buyer: { userId: buyer },
      seller: { userId: seller },
      order: { total: 20, currency: 'EUR', ...(fulfilment ? { fulfilment } : {}) },
    });
    return { buyer, seller, orderId, conversationId: body.conversationId as string, order: body.order };
  }
  const seen = async (conversationId: string, messageId: string, as: Record<string, unknown>) =>
    (await parley.request('GET', `/conversations/${conversationId}/messages`, as)).body.messages.find((m: any) => m.messageId === messageId);
  const setRule = (body: unknown, as: RequestOptions = {}) => parley.request('PUT', rulePath, { ...as, body });

  it('masks always by default: no rule is set', async () => {
    const rule = await parley.request('GET', rulePath);
    expect(rule.status).toBe(200);
    expect(rule.body).toEqual({ orderStatuses: [], fulfilment: null, updatedBy: null, updatedAt: null });
    const { buyer, seller, orderId, conversationId } = await order();
    await applied(parley, 'paid', orderId, payment());
    const sent = await sendMessage(parley, conversationId, phone, { as: buyer });
    expect(await seen(conversationId, sent.body.messageId, { as: seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
  });

  it('refuses a rule naming unknown order states or fulfilments, and one set by anyone but an operator, changing nothing', async () => {
    const before = (await parley.request('GET', rulePath)).body;
    const unknown = await expectRefused(parley, 400, 'unknown_order_status', () => setRule({ orderStatuses: ['paid', 'payed'] }));
    expectSentence(unknown.body.error.message);
    expect(unknown.body.error.message).toContain('"payed"');
    await expectRefused(parley, 400, 'unknown_fulfilment', () => setRule({ orderStatuses: ['paid'], fulfilment: 'drone' }));
    for (const as of [{ as: uid('buyer') }, { as: uid('seller'), role: 'seller' as const }, { as: uid('mod'), role: 'moderator' as const }]) {
      expect((await setRule({ orderStatuses: ['paid'] }, as)).status).toBe(403);
      expect((await parley.request('GET', rulePath, as)).status).toBe(403);
    }
    expect((await setRule({ orderStatuses: 'paid' })).status).toBe(400);
    expect((await parley.request('GET', rulePath)).body).toEqual(before);
  });

  it('shows a message masked before payment and plain after it: stored once, its view follows the order, in history, the inbox and live', async () => {
    const set = await setRule({ orderStatuses: ['shipped', 'paid', 'delivered'] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ orderStatuses: ['paid', 'shipped', 'delivered'], fulfilment: null, updatedBy: expect.any(String) });
    expect((await parley.request('GET', rulePath)).body).toEqual(set.body);

    const { buyer, seller, orderId, conversationId } = await order();
    const sellerSocket = await parley.connect(seller, 'seller');
    const sent = await sendMessage(parley, conversationId, phone, { as: buyer });
    const live = await sellerSocket.next((e) => e.type === 'message.created' && e.message.messageId === sent.body.messageId);
    expect(live.message).toMatchObject({ content: masked, masked: true });
    expect(await seen(conversationId, sent.body.messageId, { as: seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
    const stored = await parley.db.selectFrom('messages').select(['content_encrypted', 'masking']).where('id', '=', sent.body.messageId).executeTakeFirstOrThrow();

    await applied(parley, 'paid', orderId, payment());
    expect(await seen(conversationId, sent.body.messageId, { as: seller, role: 'seller' })).toMatchObject({ content: phone, masked: false });
    const inbox = (await parley.request('GET', '/conversations?limit=100', { as: seller, role: 'seller' })).body.conversations.find((c: any) => c.conversationId === conversationId);
    expect(inbox.lastMessage.content).not.toContain('hidden');
    // Nothing was rewritten: the same stored bytes, shown differently.
    const after = await parley.db.selectFrom('messages').select(['content_encrypted', 'masking']).where('id', '=', sent.body.messageId).executeTakeFirstOrThrow();
    expect(Buffer.from(after.content_encrypted!)).toEqual(Buffer.from(stored.content_encrypted!));

    // New messages, live and in an edit, arrive plain too.
    const next = await sendMessage(parley, conversationId, 'Or mail me at ana@example.com', { as: buyer });
    const nextLive = await sellerSocket.next((e) => e.type === 'message.created' && e.message.messageId === next.body.messageId);
    expect(nextLive.message).toMatchObject({ content: 'Or mail me at ana@example.com', masked: false });
    await parley.request('PATCH', `/conversations/${conversationId}/messages/${next.body.messageId}`, { as: buyer, body: { content: 'Or text +1 415 555 2671' } });
    const edit = await sellerSocket.next((e) => e.type === 'message.updated' && e.message.messageId === next.body.messageId);
    expect(edit.message).toMatchObject({ content: 'Or text +1 415 555 2671', masked: false });
    await closeSocket(sellerSocket);

    // Refunded is not in the rule: masked again.
    await applied(parley, 'refunded', orderId, { refund: { reason: 'changed my mind' } });
    expect(await seen(conversationId, sent.body.messageId, { as: seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
  });

  it('reveals only for the fulfilment the rule names (local pickup), and leaves other conversations masked', async () => {
    expect((await setRule({ orderStatuses: ['paid'], fulfilment: 'local_pickup' })).body).toMatchObject({ orderStatuses: ['paid'], fulfilment: 'local_pickup' });
    const pickup = await order('local_pickup');
    const shipped = await order('delivery');
    const unsaid = await order();
    const sent = new Map<string, string>();
    for (const o of [pickup, shipped, unsaid]) {
      await applied(parley, 'paid', o.orderId, payment());
      sent.set(o.conversationId, (await sendMessage(parley, o.conversationId, phone, { as: o.buyer })).body.messageId);
    }
    expect(await seen(pickup.conversationId, sent.get(pickup.conversationId)!, { as: pickup.seller, role: 'seller' })).toMatchObject({ content: phone, masked: false });
    expect(await seen(shipped.conversationId, sent.get(shipped.conversationId)!, { as: shipped.seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
    expect(await seen(unsaid.conversationId, sent.get(unsaid.conversationId)!, { as: unsaid.seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
    expect([pickup.order.fulfilment, shipped.order.fulfilment, unsaid.order.fulfilment]).toEqual(['local_pickup', 'delivery', null]);

    // Back to the default: masked everywhere.
    expect((await setRule({ orderStatuses: [] })).body).toMatchObject({ orderStatuses: [], fulfilment: null });
    expect(await seen(pickup.conversationId, sent.get(pickup.conversationId)!, { as: pickup.seller, role: 'seller' })).toMatchObject({ content: masked, masked: true });
  });
});
