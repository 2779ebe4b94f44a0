import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { allMessages, applied, deliveredOrder, notificationRows, orderEvent, payment, placeOrder, quietJobs, shipment } from './support/marketplace.ts';
import { eventually, expectRefusal, startParley, type TestParley } from './support/parley.ts';

/** Row counts of everything an order event writes. */
async function eventState(parley: TestParley) {
  const count = async (table: 'order_events' | 'marketplace_orders' | 'messages' | 'conversations' | 'notification_logs' | 'user_contacts') =>
    Number((await parley.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    order_events: await count('order_events'),
    marketplace_orders: await count('marketplace_orders'),
    messages: await count('messages'),
    conversations: await count('conversations'),
    notification_logs: await count('notification_logs'),
    user_contacts: await count('user_contacts'),
  };
}

describe.each(backends)('order automation on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_REVIEW_REQUEST_DAYS: '3', PARLEY_INQUIRY_CONVERSION_DAYS: '30' } });
  });
  afterAll(async () => parley?.close());

  it('opens the order conversation on "placed", with the order in its context, a system message and notices for both sides', async () => {
    const buyer = { userId: `buyer-${randomUUID().slice(0, 6)}`, name: 'Ana', email: 'ana@example.com' };
    const seller = { userId: `seller-${randomUUID().slice(0, 6)}`, name: 'Mugs & Co', email: 'shop@example.com' };
    const { orderId, conversationId, result } = await placeOrder(parley, { buyer, seller, total: 59.9, currency: 'EUR' });
    expect(result).toMatchObject({ orderId, type: 'placed', replayed: false, order: { status: 'placed', buyerId: buyer.userId, sellerId: seller.userId, total: 59.9, currency: 'EUR' } });

    const conversation = (await parley.request('GET', `/conversations/${conversationId}`, { as: buyer.userId })).body;
    expect(conversation).toMatchObject({ conversationType: 'order', orderId, contextMetadata: { orderTotal: 59.9, currency: 'EUR', buyerName: 'Ana', sellerName: 'Mugs & Co' } });
    expect(conversation.participants.map((p: any) => [p.userId, p.role])).toEqual([
      [buyer.userId, 'buyer'],
      [seller.userId, 'seller'],
    ]);

    const [message] = await allMessages(parley, conversationId);
    expect(message).toMatchObject({ senderId: 'system', isSystem: true, isAutomated: true, messageType: 'order_status', payload: { orderId, status: 'placed' } });
    expect(message.content).toBe(`Order ${orderId} was placed for 59.90 EUR.`);

    // One notification request per side, on in-app, email and push, keyed for good.
    expect(result.notifications).toHaveLength(2);
    const rows = await notificationRows(parley, result.notifications[0]);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'in-app', 'push']);
    expect(rows[0]).toMatchObject({ user_id: buyer.userId, recipient: expect.objectContaining({ email: 'ana@example.com' }) });
    await eventually(async () => {
      const feed = await parley.request('GET', '/me/notifications', { as: seller.userId, role: 'seller' });
      return feed.body.notifications.some((n: any) => n.title === `New order ${orderId}` && n.body === 'Ana ordered 2 items for 59.90 EUR.');
    }, 'the seller’s in-app notice');
  });

  it('posts a typed message for each step and follows the order’s state', async () => {
    const { orderId, conversationId } = await placeOrder(parley);
    const paid = await applied(parley, 'paid', orderId, payment(59.9, 'EUR'));
    expect(paid.order.status).toBe('paid');
    const shipped = await applied(parley, 'shipped', orderId, shipment('1Z999AA10123456784'));
    expect(shipped.order).toMatchObject({ status: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    const delivered = await applied(parley, 'delivered', orderId);
    expect(delivered.order.status).toBe('delivered');

    const messages = await allMessages(parley, conversationId);
    expect(messages.map((m) => [m.messageType, m.isAutomated, m.senderId])).toEqual([
      ['order_status', true, 'system'],
      ['payment_confirmation', true, 'system'],
      ['tracking', true, 'system'],
      ['order_status', true, 'system'],
      // Delivered: the buyer is asked to rate the seller (see marketplace-ratings.test.ts).
      ['rating_request', true, 'system'],
    ]);
    expect(messages[1].payload).toMatchObject({ orderId, amount: 59.9, currency: 'EUR' });
    expect(messages[2].payload).toEqual({ orderId, carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' });
    expect(messages[3].payload).toEqual({ orderId, status: 'delivered' });
    expect(messages[2].messageId).toBe(shipped.messageId);
  });

  it('schedules the review request N days after delivery, and a refund cancels it', async () => {
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const placed = await placeOrder(parley);
    await applied(parley, 'paid', placed.orderId, payment());
    await applied(parley, 'shipped', placed.orderId, shipment());
    const delivered = await applied(parley, 'delivered', placed.orderId, { occurredAt });
    expect(delivered.notifications).toHaveLength(3);
    const [review] = await notificationRows(parley, delivered.notifications[2]);
    expect(review).toMatchObject({ user_id: 'buyer-1', status: 'queued' });
    expect(new Date(review!.due_at).getTime()).toBe(new Date(occurredAt).getTime() + 3 * 86_400_000);

    await applied(parley, 'refunded', placed.orderId, { refund: { amount: 59.9, currency: 'EUR', reason: 'Arrived broken' } });
    const rows = await notificationRows(parley, delivered.notifications[2]);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['in-app', 'cancelled'],
      ['push', 'cancelled'],
    ]);
    expect((await parley.request('GET', `/notifications/${delivered.notifications[2]}`)).body.deliveries[0].history.at(-1)).toMatchObject({ status: 'cancelled' });
  });

  it.each([
    ['delivered before shipped', ['paid'], 'delivered', {}, 'cannot be delivered before it is shipped'],
    ['paid twice', ['paid'], 'paid', payment(), 'was already paid'],
    ['shipped before paid', [], 'shipped', shipment(), 'cannot ship before it is paid'],
    ['cancelled after shipping', ['paid', 'shipped'], 'cancelled', {}, 'has shipped and cannot be cancelled'],
    ['refunded without payment', [], 'refunded', {}, 'was never paid'],
  ])('refuses an event that does not fit the order: %s (409, nothing written)', async (_name, before, type, fields, reason) => {
    const { orderId } = await placeOrder(parley);
    for (const step of before) await applied(parley, step, orderId, step === 'paid' ? payment() : step === 'shipped' ? shipment() : {});
    const state = await eventState(parley);
    const reply = await orderEvent(parley, type, orderId, fields);
    expectRefusal(reply, 409, 'order_state_conflict');
    expect(reply.body.error.message).toContain(reason);
    expect(reply.body.error.details).toMatchObject({ orderId });
    expect(await eventState(parley)).toEqual(state);
  });

  it('refuses events for an order it has not seen placed, and a second "placed"', async () => {
    expectRefusal(await orderEvent(parley, 'paid', `order-${randomUUID()}`, payment()), 409, 'order_state_conflict');
    const { orderId } = await placeOrder(parley);
    const again = await orderEvent(parley, 'placed', orderId, { buyer: { userId: 'buyer-1' }, seller: { userId: 'seller-1' } });
    expectRefusal(again, 409, 'order_state_conflict');
    expect(again.body.error.message).toBe(`Order ${orderId} was already placed.`);
  });

  it('answers a repeated event id with the first result and changes nothing; a different body under it is refused', async () => {
    const { orderId } = await placeOrder(parley);
    const event = { eventId: `evt-${randomUUID()}`, type: 'paid', orderId, ...payment() };
    const first = await parley.request('POST', '/marketplace/orders/events', { body: event });
    expect(first.status).toBe(201);
    const state = await eventState(parley);
    const again = await parley.request('POST', '/marketplace/orders/events', { body: event });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect({ ...again.body, replayed: false }).toEqual(first.body);
    expect(await eventState(parley)).toEqual(state);

    const changed = await parley.request('POST', '/marketplace/orders/events', { body: { ...event, payment: { amount: 1, currency: 'EUR' } } });
    expectRefusal(changed, 409, 'event_id_reused');
    expect(await eventState(parley)).toEqual(state);
  });

  it('applies the same event sent twice at once only once', async () => {
    const { orderId, conversationId } = await placeOrder(parley);
    const event = { eventId: `evt-${randomUUID()}`, type: 'paid', orderId, ...payment() };
    const replies = await Promise.all([0, 1, 2].map(() => parley.request('POST', '/marketplace/orders/events', { body: event })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect((await allMessages(parley, conversationId)).filter((m) => m.messageType === 'payment_confirmation')).toHaveLength(1);
  });

  it.each([
    ['a shipped event without its shipment', { type: 'shipped' }, 400, 'missing_field'],
    ['a paid event without its payment', { type: 'paid' }, 400, 'missing_field'],
    ['a dispute without a reason', { type: 'dispute_opened' }, 400, 'missing_field'],
    ['a placed event without a seller', { type: 'placed', buyer: { userId: 'b-1' } }, 400, 'missing_field'],
    ['a placed event where buyer and seller are one user', { type: 'placed', buyer: { userId: 'u-1' }, seller: { userId: 'u-1' } }, 400, 'same_buyer_and_seller'],
    ['an unknown event type', { type: 'teleported' }, 400, 'invalid_value'],
    ['a total without its currency', { type: 'placed', buyer: { userId: 'b-1' }, seller: { userId: 's-1' }, order: { total: 10 } }, 400, 'missing_field'],
    ['a malformed email', { type: 'placed', buyer: { userId: 'b-1', email: 'not-an-email' }, seller: { userId: 's-1' } }, 400, 'invalid_format'],
    ['an unknown field', { type: 'placed', buyer: { userId: 'b-1' }, seller: { userId: 's-1' }, colour: 'red' }, 400, 'unknown_field'],
  ])('refuses %s with a clear 400 and writes nothing', async (_name, fields, status, code) => {
    const state = await eventState(parley);
    expectRefusal(await orderEvent(parley, (fields as any).type, `order-${randomUUID()}`, fields), status, code);
    expect(await eventState(parley)).toEqual(state);
  });

  it('lets only the backend send order events', async () => {
    const body = { eventId: `evt-${randomUUID()}`, type: 'placed', orderId: 'order-x', buyer: { userId: 'b-1' }, seller: { userId: 's-1' } };
    for (const as of [{ as: 'buyer-1' }, { as: 'seller-1', role: 'seller' as const }, { as: 'mod-1', role: 'moderator' as const }]) {
      expectRefusal(await parley.request('POST', '/marketplace/orders/events', { ...as, body }), 403, 'operator_only');
    }
  });

  it('refuses a later event that names another buyer', async () => {
    const { orderId } = await placeOrder(parley);
    expectRefusal(await orderEvent(parley, 'paid', orderId, { ...payment(), buyer: { userId: 'someone-else' } }), 400, 'parties_mismatch');
  });

  it('marks a product inquiry converted when its buyer orders the product within the window, and no other', async () => {
    const buyer = `buyer-${randomUUID().slice(0, 6)}`;
    const ask = (productId: string, as = buyer) =>
      parley.request('POST', `/marketplace/messaging/conversations/product/${productId}`, { as, body: { sellerId: 'seller-9', inquiryTemplate: 'availability', productTitle: 'Teapot' } });
    const inquiry = (await ask('prod-teapot')).body;
    const old = (await ask('prod-old')).body;
    const otherBuyer = (await ask('prod-teapot', 'buyer-other')).body;
    const otherSeller = (await parley.request('POST', '/marketplace/messaging/conversations/product/prod-teapot2', { as: buyer, body: { sellerId: 'seller-10', question: 'Still there?' } })).body;
    await parley.db.updateTable('conversations').set({ created_at: new Date(Date.now() - 40 * 86_400_000) }).where('id', '=', old.conversationId).execute();

    const { result } = await placeOrder(parley, {
      buyer: { userId: buyer },
      seller: { userId: 'seller-9' },
      items: [{ productId: 'prod-teapot', quantity: 1 }, { productId: 'prod-old' }, { productId: 'prod-teapot2' }],
    });
    expect(result.convertedInquiries).toEqual([inquiry.conversationId]);
    const converted = await parley.db.selectFrom('conversations').select(['id', 'converted_order_id']).where('id', 'in', [inquiry.conversationId, old.conversationId, otherBuyer.conversationId, otherSeller.conversationId]).execute();
    expect(Object.fromEntries(converted.map((c) => [c.id, c.converted_order_id]))).toEqual({
      [inquiry.conversationId]: result.orderId,
      [old.conversationId]: null,
      [otherBuyer.conversationId]: null,
      [otherSeller.conversationId]: null,
    });
  });

  it('lists the events of an order for the backend', async () => {
    const { orderId } = await deliveredOrder(parley);
    const reply = await parley.request('GET', `/marketplace/orders/${orderId}/events`);
    expect(reply.body.events.map((e: any) => [e.type, e.source])).toEqual([
      ['placed', 'http'],
      ['paid', 'http'],
      ['shipped', 'http'],
      ['delivered', 'http'],
    ]);
    expectRefusal(await parley.request('GET', `/marketplace/orders/${orderId}/events`, { as: 'buyer-1' }), 403, 'operator_only');
  });
});
