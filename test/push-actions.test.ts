import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../src/crypto/signed-links.ts';
import { backends } from './support/backends.ts';
import { type FakeFcm, startFakeFcm } from './support/fakes/fcm.ts';
import { allMessages, applied, payment, placeOrder, quietJobs, runJob, shipment } from './support/marketplace.ts';
import { eventually, startParley, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('interactive push on $name', (backend) => {
  let parley: TestParley;
  let fcm: FakeFcm;
  let signer: LinkSigner;

  beforeAll(async () => {
    fcm = await startFakeFcm();
    const providers = { push: [{ type: 'fcm', name: 'fcm', serviceAccount: fcm.serviceAccount, baseUrl: fcm.url }] };
    parley = await startParley(backend, {
      env: { PARLEY_POLL_MS: '50', PARLEY_PROVIDERS: JSON.stringify(providers), PARLEY_ORDER_NOTIFICATION_CHANNELS: 'in-app,push', PARLEY_MASKING_ROLES: 'buyer,seller', ...quietJobs },
    });
    signer = new LinkSigner(parley.config.encryptionKey, parley.config.publicUrl);
  });
  afterAll(async () => {
    await parley?.close();
    await fcm?.close();
  });

  async function device(userId: string) {
    const reply = await parley.request('POST', `/users/${userId}/devices`, { as: userId, body: { deviceId: 'phone', token: `fcm-${userId}`, platform: 'android' } });
    expect(reply.status).toBeLessThan(300);
  }

  /** The FCM message pushed to a user's phone whose data matches, once it arrives. */
  async function pushTo(userId: string, match: (data: Record<string, string>) => boolean = () => true) {
    let found: (typeof fcm.requests)[number] | undefined;
    await eventually(() => {
      found = fcm.requests.find((r) => r.message.token === `fcm-${userId}` && match(r.message.data));
      return found !== undefined;
    }, `a push to ${userId}`);
    return found!.message;
  }

  /** The path of the action URL a push carries. */
  const actionPath = (data: Record<string, string>) => new URL(data.parley_action_url!).pathname;

  /** As a device does: no session, only the token in the path. */
  async function act(path: string, body: Record<string, unknown>) {
    const response = await fetch(`${parley.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  }

  async function shippedOrder() {
    const buyer = user('buyer');
    const seller = user('seller');
    await device(buyer);
    await device(seller);
    const placed = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Shop' } });
    await applied(parley, 'paid', placed.orderId, payment());
    await applied(parley, 'shipped', placed.orderId, shipment());
    return { ...placed, buyer, seller };
  }

  /** A message notification with Reply and Mark as read, sent to `userId` about a conversation. */
  async function messagePush(userId: string, conversationId: string) {
    const requestId = randomUUID();
    const reply = await parley.request('POST', '/notifications', {
      body: {
        requestId,
        notificationType: 'transactional',
        channels: ['push'],
        recipient: { userId },
        message: { pushNotification: { title: 'New message', body: 'Shop: it ships tomorrow', interactive: { category: 'parley.message', conversationId } } },
      },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    return pushTo(userId, (d) => d.parley_request_id === requestId);
  }

  it("offers the buyer Confirm receipt on the shipped notice; the action delivers the order once, and a replay is refused and changes nothing", async () => {
    const order = await shippedOrder();
    const push = await pushTo(order.buyer, (d) => d.parley_category === 'parley.order-shipped');
    expect(push.android.notification).toEqual({ click_action: 'parley.order-shipped' });
    expect(push.apns.payload).toEqual({ aps: { category: 'parley.order-shipped' } });
    expect(push.webpush.notification?.actions).toEqual([
      { action: 'confirm-receipt', title: 'Confirm receipt' },
      { action: 'view-order', title: 'View order' },
    ]);
    expect(JSON.parse(push.data.parley_actions!).map((a: { id: string }) => a.id)).toEqual(['confirm-receipt', 'view-order']);
    // The seller's notice of the same event has no buttons.
    const sellerPush = await pushTo(order.seller, (d) => d.action_url?.includes(order.orderId) ?? false);
    expect(sellerPush.data.parley_category).toBeUndefined();

    const path = actionPath(push.data);
    const done = await act(path, { action: 'confirm-receipt' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ action: 'confirm-receipt', orderId: order.orderId, conversationId: order.conversationId, orderStatus: 'delivered' });
    const events = await parley.request('GET', `/marketplace/orders/${order.orderId}/events`);
    expect(events.body.events.map((e: { type: string; source: string }) => `${e.type}:${e.source}`)).toEqual(['placed:http', 'paid:http', 'shipped:http', 'delivered:push-action']);
    const messagesBefore = (await allMessages(parley, order.conversationId)).length;

    const again = await act(path, { action: 'confirm-receipt' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('push_action_used');
    expect((await parley.request('GET', `/marketplace/orders/${order.orderId}/events`)).body.events).toHaveLength(4);
    expect(await allMessages(parley, order.conversationId)).toHaveLength(messagesBefore);
  });

  it('posts a reply into the conversation as the user (masked as any message), once', async () => {
    const order = await shippedOrder();
    const push = await messagePush(order.buyer, order.conversationId);
    expect(push.android.notification).toEqual({ click_action: 'parley.message' });
    expect(JSON.parse(push.data.parley_actions!)).toEqual([
      { id: 'reply', title: 'Reply', input: true },
      { id: 'mark-read', title: 'Mark as read' },
    ]);
    const path = actionPath(push.data);

    const sent = await act(path, { action: 'reply', text: '  Thanks! Call me on +49 151 23456789 when it is there.  ' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ action: 'reply', conversationId: order.conversationId, messageId: expect.any(String) });
    const messages = await allMessages(parley, order.conversationId);
    const posted = messages.find((m) => m.messageId === sent.body.messageId);
    expect(posted).toMatchObject({ senderId: order.buyer, messageType: 'text' });
    // The seller sees it masked, as a reply typed in the app would be.
    const asSeller = await parley.request('GET', `/conversations/${order.conversationId}/messages?limit=200`, { as: order.seller });
    const seen = asSeller.body.messages.find((m: { messageId: string }) => m.messageId === sent.body.messageId);
    expect(seen.content).toContain('Thanks! Call me on');
    expect(seen.content).not.toContain('23456789');

    for (const body of [{ action: 'reply', text: 'again' }, { action: 'mark-read' }]) {
      const replay = await act(path, body);
      expect(replay.status).toBe(409);
      expect(replay.body.error.code).toBe('push_action_used');
    }
    expect(await allMessages(parley, order.conversationId)).toHaveLength(messages.length);
  });

  it('marks the conversation read', async () => {
    const order = await shippedOrder();
    const sent = await parley.request('POST', `/conversations/${order.conversationId}/messages`, { as: order.seller, body: { content: 'It left the warehouse' } });
    expect(sent.status).toBe(201);
    const unread = async () => {
      const r = await parley.request('GET', `/conversations/${order.conversationId}`, { as: order.buyer });
      return r.body.unreadCount as number;
    };
    expect(await unread()).toBeGreaterThan(0);
    const push = await messagePush(order.buyer, order.conversationId);
    const done = await act(actionPath(push.data), { action: 'mark-read' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ action: 'mark-read', conversationId: order.conversationId, unreadCount: 0 });
    expect(await unread()).toBe(0);
  });

  it('refuses forged, expired and other-purpose tokens, actions not offered, and empty or oversized replies, writing nothing', async () => {
    const order = await shippedOrder();
    const push = await messagePush(order.buyer, order.conversationId);
    const path = actionPath(push.data);
    const token = path.split('/').pop()!;
    const count = (await allMessages(parley, order.conversationId)).length;
    const claim = { id: randomUUID(), u: order.buyer, cat: 'parley.message', a: ['reply', 'mark-read'], c: order.conversationId };

    const refusals: [string, Record<string, unknown>, number, string][] = [
      [`/push-actions/${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`, { action: 'reply', text: 'hi' }, 404, 'push_action_not_valid'],
      [`/push-actions/${signer.sign('push-action', claim, -60)}`, { action: 'reply', text: 'hi' }, 404, 'push_action_not_valid'],
      [`/push-actions/${signer.sign('unsubscribe', claim)}`, { action: 'reply', text: 'hi' }, 404, 'push_action_not_valid'],
      [`/push-actions/${new LinkSigner('k1:' + Buffer.alloc(32, 9).toString('base64'), parley.config.publicUrl).sign('push-action', claim)}`, { action: 'reply', text: 'hi' }, 404, 'push_action_not_valid'],
      [path, { action: 'confirm-receipt' }, 400, 'action_not_offered'],
      [path, { action: 'view-order' }, 400, 'action_not_offered'],
      [path, { action: 'reply' }, 400, 'reply_text_required'],
      [path, { action: 'reply', text: '   ' }, 400, 'reply_text_required'],
      [path, { action: 'reply', text: 'x'.repeat(10_001) }, 400, 'reply_text_too_long'],
    ];
    for (const [where, body, status, code] of refusals) {
      const reply = await act(where, body);
      expect([reply.status, reply.body.error?.code], `${where.slice(0, 60)} ${JSON.stringify(body).slice(0, 60)}`).toEqual([status, code]);
    }
    expect(await allMessages(parley, order.conversationId)).toHaveLength(count);
    expect(await parley.db.selectFrom('push_action_uses').selectAll().where('token_id', '=', claim.id).execute()).toEqual([]);

    // None of that spent the notification's token: its reply still goes through.
    expect((await act(path, { action: 'reply', text: 'On my way' })).status).toBe(200);
  });

  it('checks what the user may do: only the buyer confirms receipt, only a participant replies', async () => {
    const order = await shippedOrder();
    const sign = (claim: Record<string, unknown>) => `/push-actions/${signer.sign('push-action', { id: randomUUID(), ...claim }, 600)}`;
    const asSeller = await act(sign({ u: order.seller, cat: 'parley.order-shipped', a: ['confirm-receipt'], o: order.orderId }), { action: 'confirm-receipt' });
    expect([asSeller.status, asSeller.body.error.code]).toEqual([404, 'order_not_found']);
    const stranger = await act(sign({ u: user('stranger'), cat: 'parley.message', a: ['reply', 'mark-read'], c: order.conversationId }), { action: 'reply', text: 'hello' });
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'conversation_not_found']);
    const markStranger = await act(sign({ u: user('stranger'), cat: 'parley.message', a: ['reply', 'mark-read'], c: order.conversationId }), { action: 'mark-read' });
    expect([markStranger.status, markStranger.body.error.code]).toEqual([404, 'conversation_not_found']);
    const events = await parley.request('GET', `/marketplace/orders/${order.orderId}/events`);
    expect(events.body.events).toHaveLength(3);
  });

  it('refuses a confirm receipt the order cannot take, and keeps the token', async () => {
    const order = await shippedOrder();
    const push = await pushTo(order.buyer, (d) => d.parley_category === 'parley.order-shipped');
    await applied(parley, 'delivered', order.orderId);
    const late = await act(actionPath(push.data), { action: 'confirm-receipt' });
    expect([late.status, late.body.error.code]).toEqual([409, 'order_state_conflict']);
    expect(await parley.db.selectFrom('push_action_uses').selectAll().where('token_id', '=', push.data.parley_delivery_id!).execute()).toEqual([]);
    expect((await parley.request('GET', `/marketplace/orders/${order.orderId}/events`)).body.events).toHaveLength(4);
  });

  it('puts Reply and Mark as read on an unread-message reminder sent by push, and the reply lands in its conversation', async () => {
    const order = await shippedOrder();
    const sent = await parley.request('POST', `/conversations/${order.conversationId}/messages`, { as: order.seller, body: { content: 'Did it arrive?' } });
    expect(sent.status).toBe(201);
    // The reminder falls due (the buyer has no email address: it goes by push).
    await parley.db.updateTable('conversation_participants').set({ reminder_due_at: new Date(Date.now() - 1000) }).where('conversation_id', '=', order.conversationId).where('user_id', '=', order.buyer).execute();
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    const push = await pushTo(order.buyer, (d) => d.parley_category === 'parley.message');
    expect(push.notification.title).toMatch(/^Unread message about order /);
    const reply = await act(actionPath(push.data), { action: 'reply', text: 'Yes, thanks!' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const messages = await allMessages(parley, order.conversationId);
    expect(messages.at(-1)).toMatchObject({ senderId: order.buyer, content: 'Yes, thanks!' });
  });

  it('asks a notification request with buttons to say what they act on', async () => {
    const reply = await parley.request('POST', '/notifications', {
      body: {
        requestId: randomUUID(),
        notificationType: 'transactional',
        channels: ['push'],
        recipient: { userId: user('buyer') },
        message: { pushNotification: { title: 'Shipped', body: 'On its way', interactive: { category: 'parley.order-shipped' } } },
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'interactive_target_missing', details: { field: 'message.pushNotification.interactive' } });
  });
  it("titles the buttons in the recipient's language: the buyer's contact locale on notices, the request's locale otherwise", async () => {
    const buyer = user('buyer');
    const seller = user('seller');
    await device(buyer);
    expect((await parley.request('PUT', `/users/${buyer}/contact`, { body: { locale: 'de-AT' } })).status).toBe(200);
    const placed = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Shop' } });
    await applied(parley, 'paid', placed.orderId, payment());
    await applied(parley, 'shipped', placed.orderId, shipment());
    const shipped = await pushTo(buyer, (d) => d.parley_category === 'parley.order-shipped');
    expect(shipped.webpush.notification?.actions).toEqual([
      { action: 'confirm-receipt', title: 'Erhalt bestätigen' },
      { action: 'view-order', title: 'Bestellung ansehen' },
    ]);

    const requestId = randomUUID();
    const reply = await parley.request('POST', '/notifications', {
      body: {
        requestId,
        notificationType: 'transactional',
        channels: ['push'],
        recipient: { userId: buyer },
        message: { pushNotification: { title: 'Neue Nachricht', body: 'Shop: kommt morgen', interactive: { category: 'parley.message', conversationId: placed.conversationId, locale: 'de' } } },
      },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    const push = await pushTo(buyer, (d) => d.parley_request_id === requestId);
    expect(JSON.parse(push.data.parley_actions!)).toEqual([
      { id: 'reply', title: 'Antworten', input: true },
      { id: 'mark-read', title: 'Als gelesen markieren' },
    ]);
  });
});
