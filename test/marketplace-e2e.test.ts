import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { backends } from './support/backends.ts';
import { applied, notificationRows, payment, quietJobs, runJob, shipment } from './support/marketplace.ts';
import { closeSocket, eventually, sendMessage, startParley, type TestParley, type TestSocket } from './support/parley.ts';

/**
 * An order's whole life through the API, as a marketplace and its two users see it: the
 * backend posts order events, the buyer and the seller talk on their sockets, notices arrive
 * in their feeds, and the review request follows delivery. Then the same with a dispute.
 */
describe.each(backends)('an order’s life on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_REVIEW_REQUEST_DAYS: '2', PARLEY_MODERATORS: 'mod-eve', PARLEY_POLL_MS: '50' } });
  });
  afterAll(async () => parley?.close());

  const live = (socket: TestSocket, match: (e: any) => boolean) => socket.next(match, 10_000);
  const messageOf = (socket: TestSocket, conversationId: string, messageType: string) =>
    live(socket, (e) => e.type === 'message.created' && e.message.conversationId === conversationId && e.message.messageType === messageType);
  const feedHas = async (userId: string, title: string) =>
    (await parley.request('GET', '/me/notifications', { as: userId })).body.notifications.some((n: any) => n.title === title);
  /** What has happened to the review request of an order. */
  const reviewRequest = async (deliveredEvent: any) => (await notificationRows(parley, deliveredEvent.notifications.at(-1))).map((r) => r.status);

  it('placed → paid → shipped → delivered → review request', async () => {
    const orderId = 'order-5001';
    const buyer = await parley.connect('buyer-ana');
    const seller = await parley.connect('seller-mugs', 'seller');

    const placed = await applied(parley, 'placed', orderId, {
      buyer: { userId: 'buyer-ana', name: 'Ana', email: 'ana@example.com' },
      seller: { userId: 'seller-mugs', name: 'Mugs & Co', email: 'orders@mugs.example' },
      order: { total: 32, currency: 'EUR', items: [{ productId: 'prod-mug', title: 'Blue mug', quantity: 2, unitPrice: 16 }] },
    });
    const conversationId = placed.conversationId;
    // Both sides learn of the new conversation and its first message at once, and get a notice.
    await live(buyer, (e) => e.type === 'conversation.created' && e.conversation.conversationId === conversationId);
    expect((await messageOf(seller, conversationId, 'order_status')).message).toMatchObject({ isSystem: true, isAutomated: true, content: `Order ${orderId} was placed for 32.00 EUR.` });
    await live(seller, (e) => e.type === 'notification.created' && e.notification.title === `New order ${orderId}`);

    // The buyer asks; the seller answers with a suggested template, filled from the order.
    await parley.request('POST', '/marketplace/messaging/templates', { as: 'seller-mugs', role: 'seller', body: { name: 'Shipping time', content: 'Hi {{buyer_name}}, order {{order_id}} ships within 2 days.', category: 'shipping', shortcut: 'Alt+2' } });
    await sendMessage(parley, conversationId, 'When will my order ship?', { as: 'buyer-ana' });
    await messageOf(seller, conversationId, 'text');
    const suggested = (await parley.request('GET', `/marketplace/messaging/quick-replies/suggest?conversationId=${conversationId}`, { as: 'seller-mugs', role: 'seller' })).body;
    expect(suggested.suggestions[0]).toMatchObject({ kind: 'template', content: `Hi Ana, order ${orderId} ships within 2 days.`, shortcut: 'Alt+2' });
    const answer = await sendMessage(parley, conversationId, { content: suggested.suggestions[0].content, metadata: { templateId: suggested.suggestions[0].id } }, { as: 'seller-mugs', role: 'seller' });
    expect((await live(buyer, (e) => e.type === 'message.created' && e.message.messageId === answer.body.messageId)).message.content).toBe(`Hi Ana, order ${orderId} ships within 2 days.`);

    await applied(parley, 'paid', orderId, payment(32, 'EUR'));
    expect((await messageOf(buyer, conversationId, 'payment_confirmation')).message.payload).toMatchObject({ amount: 32, currency: 'EUR' });
    await applied(parley, 'shipped', orderId, shipment('1Z5001'));
    expect((await messageOf(buyer, conversationId, 'tracking')).message.payload).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z5001' });
    await eventually(() => feedHas('buyer-ana', `Order ${orderId} has shipped`), 'the shipping notice');
    const delivered = await applied(parley, 'delivered', orderId);
    await messageOf(seller, conversationId, 'order_status');

    // The timeline shows the four steps as events, the conversation between them, and the ask to rate the seller.
    const timeline = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, { as: 'buyer-ana' })).body.items;
    expect(timeline.map((i: any) => (i.kind === 'order_event' ? i.event.type : i.message.senderId))).toEqual(['placed', 'buyer-ana', 'seller-mugs', 'paid', 'shipped', 'delivered', 'system']);

    // The review request waits two days; when they have passed, it reaches the buyer.
    expect(await reviewRequest(delivered)).toEqual(['queued', 'queued', 'queued']);
    await sql`UPDATE notification_queue q SET due_at = now() FROM notification_logs n WHERE n.log_id = q.log_id AND n.request_id = ${delivered.notifications.at(-1)}`.execute(parley.db);
    parley.app.parley.dispatcher!.wake();
    await live(buyer, (e) => e.type === 'notification.created' && e.notification.title === 'How was your order?');
    await eventually(async () => (await reviewRequest(delivered)).every((s) => s !== 'queued'), 'the review request to go out');

    // The seller's analytics count the answer; the template's use is counted.
    await runJob(parley, 'analytics');
    const analytics = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/analytics`, { as: 'seller-mugs', role: 'seller' })).body;
    expect(analytics).toMatchObject({ responses: 1, buyerMessages: 1, sellerMessages: 1 });
    await runJob(parley, 'template-usage');
    const templates = (await parley.request('GET', '/marketplace/messaging/templates', { as: 'seller-mugs', role: 'seller' })).body;
    expect(templates.templates[0].usageCount).toBe(1);
    await Promise.all([buyer, seller].map(closeSocket));
  });

  it('placed → paid → shipped → delivered → dispute → resolved with a refund; the review request is withdrawn', async () => {
    const orderId = 'order-5002';
    const buyer = await parley.connect('buyer-ben');
    const seller = await parley.connect('seller-mugs', 'seller');
    const moderator = await parley.connect('mod-eve', 'moderator');
    const { conversationId } = await applied(parley, 'placed', orderId, { buyer: { userId: 'buyer-ben', name: 'Ben' }, seller: { userId: 'seller-mugs' }, order: { total: 16, currency: 'EUR' } });
    await applied(parley, 'paid', orderId, payment(16));
    await applied(parley, 'shipped', orderId, shipment('1Z5002'));
    const delivered = await applied(parley, 'delivered', orderId);
    expect(await reviewRequest(delivered)).toEqual(['queued', 'queued']);

    // The buyer escalates: the moderator joins, everyone sees it live, the review request is withdrawn.
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: 'buyer-ben', body: { reason: 'The mug arrived broken' } });
    expect(escalated.status).toBe(201);
    const { disputeId } = escalated.body.dispute;
    await live(seller, (e) => e.type === 'participant.added' && e.conversationId === conversationId && e.participant.userId === 'mod-eve');
    expect((await messageOf(seller, conversationId, 'dispute_escalation')).message.content).toBe('The buyer opened a dispute: The mug arrived broken');
    await live(moderator, (e) => e.type === 'notification.created' && e.notification.title === 'A dispute was opened');
    expect(await reviewRequest(delivered)).toEqual(['cancelled', 'cancelled']);
    expect((await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: 'buyer-ben' })).body.order.status).toBe('disputed');

    // The moderator asks the seller, the seller replies, the moderator resolves with a refund.
    await parley.request('PATCH', `/marketplace/messaging/disputes/${disputeId}`, { as: 'mod-eve', role: 'moderator', body: { status: 'awaiting_seller', note: 'Can you send a replacement or refund?' } });
    expect((await messageOf(seller, conversationId, 'dispute_update')).message.payload).toMatchObject({ status: 'awaiting_seller' });
    await sendMessage(parley, conversationId, 'Sorry! A refund is fine.', { as: 'seller-mugs', role: 'seller' });
    const resolved = await parley.request('PATCH', `/marketplace/messaging/disputes/${disputeId}`, { as: 'mod-eve', role: 'moderator', body: { status: 'resolved_refund', note: 'Full refund agreed.' } });
    expect(resolved.body).toMatchObject({ status: 'resolved_refund', resolutionNote: 'Full refund agreed.' });
    expect(resolved.body.resolutionSeconds).toBeGreaterThanOrEqual(0);
    await eventually(() => feedHas('buyer-ben', 'Dispute update'), 'the buyer to be told');

    // The marketplace refunds the order; it ends refunded.
    const refunded = await applied(parley, 'refunded', orderId, { refund: { amount: 16, currency: 'EUR', reason: 'Broken in transit' } });
    expect(refunded.order.status).toBe('refunded');
    const timeline = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/order-timeline`, { as: 'mod-eve', role: 'moderator' })).body.items;
    expect(timeline.map((i: any) => (i.kind === 'order_event' ? i.event.type : i.message.messageType))).toEqual([
      'placed',
      'paid',
      'shipped',
      'delivered',
      'rating_request',
      'dispute_escalation',
      'dispute_update',
      'text',
      'dispute_update',
      'refunded',
    ]);
    await Promise.all([buyer, seller, moderator].map(closeSocket));
  });
});
