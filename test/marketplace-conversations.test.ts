import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { applied, payment, placeOrder, quietJobs, shipment } from './support/marketplace.ts';
import { expectRefusal, expectRefused, sendMessage, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('marketplace conversations on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
  });
  afterAll(async () => parley?.close());

  describe('POST /marketplace/messaging/conversations/order/:orderId', () => {
    it('gives the buyer and the seller their order’s conversation, and nobody else', async () => {
      const buyer = uid('buyer');
      const seller = uid('seller');
      const { orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
      for (const as of [{ as: buyer }, { as: seller, role: 'seller' as const }]) {
        const reply = await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, as);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ conversationId, orderId, order: { orderId, status: 'placed', buyerId: buyer, sellerId: seller } });
      }
      await expectRefused(parley, 404, 'order_not_found', () => parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: uid('stranger') }));
      await expectRefused(parley, 404, 'order_not_found', () => parley.request('POST', `/marketplace/messaging/conversations/order/order-nope`, { as: buyer }));
      await expectRefused(parley, 403, 'operator_only', () =>
        parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: buyer, body: { contextMetadata: { orderTotal: 1 } } }),
      );
    });

    it('lets the backend open one ahead of the order’s events; "placed" then uses it', async () => {
      const orderId = uid('order');
      await expectRefused(parley, 400, 'parties_required', () => parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { body: {} }));
      const opened = await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { body: { buyerId: 'b-early', sellerId: 's-early', contextMetadata: { channel: 'phone' } } });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ orderId, order: null, contextMetadata: { channel: 'phone' } });
      const placed = await placeOrder(parley, { orderId, buyer: { userId: 'b-early' }, seller: { userId: 's-early' } });
      expect(placed.conversationId).toBe(opened.body.conversationId);
      const conversation = (await parley.request('GET', `/conversations/${placed.conversationId}`)).body;
      expect(conversation.contextMetadata).toMatchObject({ channel: 'phone', orderTotal: 59.9, currency: 'EUR' });
      expectRefusal(await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { body: { buyerId: 'b-other' } }), 400, 'parties_mismatch');
    });
  });

  describe('POST /marketplace/messaging/conversations/product/:productId', () => {
    it('starts an inquiry from a template, and asking again adds the question to the same conversation', async () => {
      const buyer = uid('buyer');
      const first = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-lamp', {
        as: buyer,
        body: { sellerId: 'seller-lamps', listingId: 'lst-4', productTitle: 'Brass lamp', price: 120, currency: 'EUR', inquiryTemplate: 'availability' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        conversationType: 'product_inquiry',
        productId: 'prod-lamp',
        listingId: 'lst-4',
        subject: 'Brass lamp',
        contextMetadata: { productTitle: 'Brass lamp', price: 120, currency: 'EUR' },
        message: { messageType: 'product_inquiry', senderId: buyer, content: 'Hi! Is "Brass lamp" still available?', payload: { productId: 'prod-lamp', listingId: 'lst-4' } },
      });
      const second = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-lamp', { as: buyer, body: { sellerId: 'seller-lamps', question: 'Does it take E27 bulbs?' } });
      expect(second.status).toBe(200);
      expect(second.body.conversationId).toBe(first.body.conversationId);
      expect(second.body.message).toMatchObject({ seq: 2, content: 'Does it take E27 bulbs?' });
      const seen = await parley.request('GET', `/conversations/${first.body.conversationId}/messages`, { as: 'seller-lamps', role: 'seller' });
      expect(seen.body.messages.map((m: any) => m.content)).toEqual(['Hi! Is "Brass lamp" still available?', 'Does it take E27 bulbs?']);
    });

    it('lists the inquiry templates', async () => {
      const reply = await parley.request('GET', '/marketplace/messaging/inquiry-templates', { as: 'anyone' });
      expect(reply.body.templates.map((t: any) => t.key)).toEqual(['availability', 'shipping', 'sizing', 'condition', 'custom_order', 'bulk_price']);
    });

    it('sends a repeated clientMessageId once', async () => {
      const buyer = uid('buyer');
      const body = { sellerId: 'seller-x', question: 'Any discount?', clientMessageId: 'ask-1' };
      const a = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-y', { as: buyer, body });
      const b = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-y', { as: buyer, body });
      expect(b.body.message.messageId).toBe(a.body.message.messageId);
      expect(b.body.lastMessageSeq).toBe(1);
    });

    it.each([
      ['without a question or template', { sellerId: 'seller-x' }, 400, 'question_required'],
      ['to oneself', { sellerId: 'me-1', question: 'hi?' }, 400, 'same_buyer_and_seller'],
      ['with an unknown template', { sellerId: 'seller-x', inquiryTemplate: 'price_match' }, 400, 'invalid_value'],
      ['for somebody else', { sellerId: 'seller-x', question: 'hi?', buyerId: 'other-buyer' }, 403, 'buyer_only'],
    ])('refuses an inquiry %s, writing nothing', async (_name, body, status, code) => {
      await expectRefused(parley, status, code, () => parley.request('POST', '/marketplace/messaging/conversations/product/prod-z', { as: 'me-1', body }));
    });

    it('lets the backend ask for a named buyer', async () => {
      expectRefusal(await parley.request('POST', '/marketplace/messaging/conversations/product/prod-b', { body: { sellerId: 's-b', question: 'hi?' } }), 400, 'buyer_id_required');
      const reply = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-b', { body: { sellerId: 's-b', buyerId: 'b-b', question: 'Is it in stock?' } });
      expect(reply.status).toBe(201);
      expect(reply.body.message.senderId).toBe('b-b');
    });
  });

  describe('GET /marketplace/messaging/conversations/my-orders', () => {
    it('lists the caller’s order conversations with each order’s state, filtered by role, status and unread', async () => {
      const me = uid('user');
      const asBuyer = await placeOrder(parley, { buyer: { userId: me }, seller: { userId: 'shop-a', name: 'Shop A' } });
      const asSeller = await placeOrder(parley, { buyer: { userId: 'client-b' }, seller: { userId: me } });
      await applied(parley, 'paid', asSeller.orderId, payment());
      await applied(parley, 'shipped', asSeller.orderId, shipment('TRACK123'));
      const others = await placeOrder(parley, { buyer: { userId: 'x-1' }, seller: { userId: 'x-2' } });

      const all = (await parley.request('GET', '/marketplace/messaging/conversations/my-orders', { as: me })).body;
      expect(all.conversations.map((c: any) => [c.orderId, c.role])).toEqual([
        [asSeller.orderId, 'seller'],
        [asBuyer.orderId, 'buyer'],
      ]);
      expect(all.conversations[0]).toMatchObject({ order: { status: 'shipped', carrier: 'UPS', trackingNumber: 'TRACK123', total: 59.9 }, unreadCount: 3, dispute: null });
      expect(all.conversations[0].participants).toEqual([
        { userId: 'client-b', role: 'buyer' },
        { userId: me, role: 'seller' },
      ]);
      const selling = (await parley.request('GET', '/marketplace/messaging/conversations/my-orders?as=seller', { as: me })).body;
      expect(selling.conversations.map((c: any) => c.orderId)).toEqual([asSeller.orderId]);
      const placedOnly = (await parley.request('GET', '/marketplace/messaging/conversations/my-orders?status=placed', { as: me })).body;
      expect(placedOnly.conversations.map((c: any) => c.orderId)).toEqual([asBuyer.orderId]);
      const one = (await parley.request('GET', `/marketplace/messaging/conversations/my-orders?orderId=${asSeller.orderId}`, { as: me })).body;
      expect(one.conversations.map((c: any) => c.orderId)).toEqual([asSeller.orderId]);
      // Someone else's order is not the caller's to see.
      const notMine = (await parley.request('GET', `/marketplace/messaging/conversations/my-orders?orderId=${others.orderId}`, { as: me })).body;
      expect(notMine.conversations).toEqual([]);

      await parley.request('POST', `/conversations/${asSeller.conversationId}/read`, { as: me, role: 'seller' });
      const unread = (await parley.request('GET', '/marketplace/messaging/conversations/my-orders?unread=true', { as: me })).body;
      expect(unread.conversations.map((c: any) => c.orderId)).toEqual([asBuyer.orderId]);
    });

    it('pages with a cursor', async () => {
      const me = uid('buyer');
      const orders = [];
      for (let i = 0; i < 5; i++) orders.push((await placeOrder(parley, { buyer: { userId: me }, seller: { userId: `s-${i}` } })).orderId);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = (await parley.request('GET', `/marketplace/messaging/conversations/my-orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: me })).body;
        seen.push(...page.conversations.map((c: any) => c.orderId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...orders].reverse());
      expectRefusal(await parley.request('GET', '/marketplace/messaging/conversations/my-orders?cursor=bogus', { as: me }), 400, 'invalid_cursor');
    });

    it('shows a stranger nothing', async () => {
      await placeOrder(parley, { buyer: { userId: uid('b') }, seller: { userId: uid('s') } });
      const reply = await parley.request('GET', '/marketplace/messaging/conversations/my-orders', { as: uid('stranger') });
      expect(reply.body).toEqual({ conversations: [], nextCursor: null });
    });
  });

  describe('GET /marketplace/messaging/conversations/:id/order-timeline', () => {
    it('merges messages and order events in time order, each event once, and pages both ways without gaps', async () => {
      const buyer = uid('buyer');
      const seller = uid('seller');
      const { orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
      await sendMessage(parley, conversationId, 'Hello, can you gift-wrap it?', { as: buyer });
      await sendMessage(parley, conversationId, 'Of course!', { as: seller, role: 'seller' });
      const paid = await applied(parley, 'paid', orderId, payment());
      await sendMessage(parley, conversationId, 'Thanks for paying', { as: seller, role: 'seller' });
      const shipped = await applied(parley, 'shipped', orderId, shipment('TRK-9'));
      // An event that happened before the messages around it is placed by when it happened.
      await sendMessage(parley, conversationId, 'Got the tracking, thanks', { as: buyer });

      const timeline = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, { as: buyer })).body;
      const shape = (items: any[]) => items.map((i) => (i.kind === 'message' ? `message:${i.message.content}` : `event:${i.event.type}`));
      expect(shape(timeline.items)).toEqual([
        'event:placed',
        'message:Hello, can you gift-wrap it?',
        'message:Of course!',
        'event:paid',
        'message:Thanks for paying',
        'event:shipped',
        'message:Got the tracking, thanks',
      ]);
      expect(timeline.items[3].event).toMatchObject({ eventId: paid.eventId, orderId, messageId: paid.messageId, data: { payment: { amount: 59.9, currency: 'EUR' } } });
      expect(timeline.items[5].event.data.shipment).toMatchObject({ carrier: 'UPS', trackingNumber: 'TRK-9' });
      expect(timeline.items[5].event.messageId).toBe(shipped.messageId);
      expect(timeline).toMatchObject({ olderCursor: null, newerCursor: null });

      // Back from the newest page, then forward again from the oldest.
      const back: string[] = [];
      let page = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline?limit=3`, { as: seller, role: 'seller' })).body;
      back.unshift(...shape(page.items));
      expect(page.newerCursor).toBeNull();
      while (page.olderCursor) {
        page = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline?limit=3&before=${page.olderCursor}`, { as: seller, role: 'seller' })).body;
        back.unshift(...shape(page.items));
      }
      expect(back).toEqual(shape(timeline.items));
      const forward: string[] = [...shape(page.items)];
      while (page.newerCursor) {
        page = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline?limit=3&after=${page.newerCursor}`, { as: seller, role: 'seller' })).body;
        forward.push(...shape(page.items));
      }
      expect(forward).toEqual(shape(timeline.items));
    });

    it('places a late event by when it happened', async () => {
      const orderId = uid('order');
      const placedAt = new Date(Date.now() - 120_000).toISOString();
      const paidAt = new Date(Date.now() - 60_000).toISOString();
      const { conversationId } = await applied(parley, 'placed', orderId, { occurredAt: placedAt, buyer: { userId: 'buyer-1' }, seller: { userId: 'seller-1' } });
      await sendMessage(parley, conversationId, 'Any news?', { as: 'buyer-1' });
      await applied(parley, 'paid', orderId, { ...payment(), occurredAt: paidAt });
      const items = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, { as: 'buyer-1' })).body.items;
      expect(items.map((i: any) => (i.kind === 'message' ? i.message.content : i.event.type))).toEqual(['placed', 'paid', 'Any news?']);
      expect(items.map((i: any) => i.at).slice(0, 2)).toEqual([placedAt, paidAt]);
    });

    it('is hidden from strangers, and refuses two cursors or a forged one', async () => {
      const { conversationId } = await placeOrder(parley);
      await expectRefused(parley, 404, 'conversation_not_found', () => parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, { as: uid('stranger') }));
      expectRefusal(await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline?before=x&after=y`, { as: 'buyer-1' }), 400, 'one_cursor');
      expectRefusal(await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline?before=bogus`, { as: 'buyer-1' }), 400, 'invalid_cursor');
    });
  });
});
