import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketplaceAverageRating } from '../src/marketplace/ratings/satisfaction-figures.ts';
import { backends } from './support/backends.ts';
import { fromName } from '../src/uuid.ts';
import { allMessages, applied, deliveredOrder, notificationRows, payment, placeOrder, quietJobs, shipment } from './support/marketplace.ts';
import { expectRefusal, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const moderator = { as: 'mod-ann', role: 'moderator' as const };

describe.each(backends)('customer satisfaction ratings on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MODERATORS: 'mod-ann', PARLEY_REVIEW_REQUEST_DAYS: '3', PARLEY_ORDER_NOTIFICATION_CHANNELS: 'in-app,email,push' } });
  });
  afterAll(async () => parley?.close());

  const parties = () => ({ buyer: { userId: uid('buyer'), email: 'ana@example.com' }, seller: { userId: uid('seller') } });
  const rate = (orderId: string, as: string, body: unknown, role: 'buyer' | 'seller' = 'buyer') => parley.request('POST', `/marketplace/orders/${orderId}/rating`, { as, role, body });
  const ratingOf = (orderId: string, as?: string, role: 'buyer' | 'seller' = 'buyer') => parley.request('GET', `/marketplace/orders/${orderId}/rating`, as ? { as, role } : {});
  const asks = async (conversationId: string) => (await allMessages(parley, conversationId)).filter((m) => m.messageType === 'rating_request');
  /** The notification rows of an order's rating request (its key names it for good). */
  const askNotices = (orderId: string) => notificationRows(parley, fromName(`parley:rating-request:${orderId}`));
  const ratingRows = async () => Number((await parley.db.selectFrom('order_ratings').select((eb) => eb.fn.countAll<number>().as('n')).where('rated_at', 'is not', null).executeTakeFirstOrThrow()).n);

  async function disputed(p = parties()) {
    const placed = await placeOrder(parley, p);
    await applied(parley, 'paid', placed.orderId, payment());
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${placed.conversationId}/escalate`, { as: p.buyer.userId, body: { reason: 'The parcel is late' } });
    expect(escalated.status).toBe(201);
    return { ...placed, ...p, disputeId: escalated.body.dispute.disputeId as string };
  }
  const resolve = (disputeId: string, status = 'resolved_no_refund') => parley.request('PATCH', `/marketplace/messaging/disputes/${disputeId}`, { ...moderator, body: { status } });

  it('asks the buyer once the order is delivered: a card in the conversation and a notice on their channels', async () => {
    const p = parties();
    const { orderId, conversationId } = await deliveredOrder(parley, p);
    const [ask] = await asks(conversationId);
    expect(ask).toMatchObject({ isSystem: true, isAutomated: true, payload: { orderId, reason: 'delivered' } });
    expect(ask.content).toContain('How did the seller communicate with you?');
    const notices = await askNotices(orderId);
    expect(notices.map((n) => [n.channel, n.user_id])).toEqual(['email', 'in-app', 'push'].map((c) => [c, p.buyer.userId]));

    const before = await ratingOf(orderId, p.buyer.userId);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ orderId, conversationId, sellerId: p.seller.userId, requestedBecause: 'delivered', rating: null, canRate: true });
    expect(before.body.requestedAt).not.toBeNull();
  });

  it('takes the buyer’s rating once, shows it to the seller, and refuses a second one with 409', async () => {
    const p = parties();
    const { orderId } = await deliveredOrder(parley, p);
    const given = await rate(orderId, p.buyer.userId, { rating: 4, comment: '  Quick and friendly answers.  ' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ orderId, rating: 4, comment: 'Quick and friendly answers.', canRate: false });

    const seen = await ratingOf(orderId, p.seller.userId, 'seller');
    expect(seen.body).toMatchObject({ rating: 4, comment: 'Quick and friendly answers.', canRate: false });
    expect((await ratingOf(orderId)).body.rating).toBe(4);

    const rows = await ratingRows();
    expectRefusal(await rate(orderId, p.buyer.userId, { rating: 1 }), 409, 'order_already_rated');
    expect(await ratingRows()).toBe(rows);
    expect((await ratingOf(orderId, p.buyer.userId)).body).toMatchObject({ rating: 4, comment: 'Quick and friendly answers.' });
  });

  it('asks after a dispute is resolved, and only once per order when it was delivered too', async () => {
    const fresh = await disputed();
    expect(await asks(fresh.conversationId)).toEqual([]);
    expectRefusal(await rate(fresh.orderId, fresh.buyer.userId, { rating: 3 }), 409, 'order_not_rateable');
    expect((await resolve(fresh.disputeId)).status).toBe(200);
    const [ask] = await asks(fresh.conversationId);
    expect(ask.payload).toEqual({ orderId: fresh.orderId, reason: 'dispute_resolved' });
    expect((await ratingOf(fresh.orderId, fresh.buyer.userId)).body).toMatchObject({ requestedBecause: 'dispute_resolved', canRate: true });
    expect((await rate(fresh.orderId, fresh.buyer.userId, { rating: 2 })).status).toBe(201);

    // Delivered first, then disputed and resolved: still one ask.
    const p = parties();
    const { orderId, conversationId } = await deliveredOrder(parley, p);
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: p.buyer.userId, body: { reason: 'One mug is chipped' } });
    expect((await resolve(escalated.body.dispute.disputeId, 'resolved_refund')).status).toBe(200);
    expect((await asks(conversationId)).map((m) => m.payload.reason)).toEqual(['delivered']);
    expect((await askNotices(orderId)).map((n) => n.channel)).toEqual(['email', 'in-app', 'push']);
    expect((await ratingOf(orderId, p.buyer.userId)).body.requestedBecause).toBe('delivered');
  });

  it('asks when a refund settles the order’s dispute', async () => {
    const p = parties();
    const placed = await placeOrder(parley, p);
    await applied(parley, 'paid', placed.orderId, payment());
    await applied(parley, 'shipped', placed.orderId, shipment());
    await applied(parley, 'dispute_opened', placed.orderId, { dispute: { reason: 'Wrong colour' } });
    await applied(parley, 'refunded', placed.orderId, { refund: { amount: 59.9, currency: 'EUR' } });
    expect((await asks(placed.conversationId)).map((m) => m.payload.reason)).toEqual(['dispute_resolved']);
  });

  describe('bad input', () => {
    it('refuses ratings outside 1–5, fractions, oversized comments and unknown fields, writing nothing', async () => {
      const p = parties();
      const { orderId } = await deliveredOrder(parley, p);
      const rows = await ratingRows();
      for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: '5' }, {}, { rating: 5, comment: 'x'.repeat(2001) }, { rating: 5, stars: 5 }]) {
        const reply = await rate(orderId, p.buyer.userId, body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.error.code).toMatch(/^(invalid_request|wrong_type|missing_field|unknown_field)$/);
      }
      expect(await ratingRows()).toBe(rows);
      expect((await rate(orderId, p.buyer.userId, { rating: 5, comment: 'x'.repeat(2000) })).status).toBe(201);
    });

    it('lets only the order’s buyer rate: the seller and operators 403, anyone else 404', async () => {
      const p = parties();
      const { orderId } = await deliveredOrder(parley, p);
      expectRefusal(await rate(orderId, p.seller.userId, { rating: 5 }, 'seller'), 403, 'buyer_only');
      expectRefusal(await parley.request('POST', `/marketplace/orders/${orderId}/rating`, { body: { rating: 5 } }), 403, 'buyer_only');
      expectRefusal(await rate(orderId, uid('stranger'), { rating: 1 }), 404, 'order_not_found');
      expectRefusal(await rate(`order-${randomUUID()}`, p.buyer.userId, { rating: 1 }), 404, 'order_not_found');
      expectRefusal(await ratingOf(orderId, uid('stranger')), 404, 'order_not_found');
      expect((await ratingOf(orderId, p.buyer.userId)).body).toMatchObject({ rating: null, canRate: true });
      expect((await ratingOf(orderId, p.seller.userId, 'seller')).body.canRate).toBe(false);
    });

    it('refuses a rating before delivery or a resolved dispute with 409', async () => {
      const p = parties();
      const placed = await placeOrder(parley, p);
      await applied(parley, 'paid', placed.orderId, payment());
      await applied(parley, 'shipped', placed.orderId, shipment());
      const reply = await rate(placed.orderId, p.buyer.userId, { rating: 5 });
      expectRefusal(reply, 409, 'order_not_rateable');
      expect(reply.body.error.details).toEqual({ orderId: placed.orderId, status: 'shipped' });
      expect((await ratingOf(placed.orderId, p.buyer.userId)).body).toMatchObject({ requestedAt: null, canRate: false });
      expect(await parley.db.selectFrom('order_ratings').selectAll().where('order_id', '=', placed.orderId).execute()).toEqual([]);
    });
  });

  describe('in the seller’s analytics', () => {
    it('gives the count, average, distribution and weeks beside the response times, and lists the ratings', async () => {
      const seller = { userId: uid('seller') };
      for (const rating of [5, 4, 4]) {
        const buyer = { userId: uid('buyer') };
        const { orderId } = await deliveredOrder(parley, { buyer, seller });
        expect((await rate(orderId, buyer.userId, { rating, ...(rating === 5 ? { comment: 'Lovely' } : {}) })).status).toBe(201);
      }
      const analytics = await parley.request('GET', '/marketplace/messaging/seller/analytics/messaging', { as: seller.userId, role: 'seller' });
      expect(analytics.status).toBe(200);
      const week = analytics.body.windows.find((w: any) => w.days === 7);
      expect(week).toHaveProperty('medianResponseSeconds');
      const monday = new Date();
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      expect(week.satisfaction).toEqual({
        ratings: 3,
        averageRating: 4.33,
        distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rating === 4 ? 2 : rating === 5 ? 1 : 0 })),
        weekly: [{ week: monday.toISOString().slice(0, 10), ratings: 3, averageRating: 4.33 }],
      });
      // An operator reads the same seller's, and the whole marketplace's.
      const asOperator = await parley.request('GET', `/marketplace/messaging/seller/analytics/messaging?sellerId=${seller.userId}`);
      expect(asOperator.body.windows[0].satisfaction.ratings).toBe(3);
      const everyone = await parley.request('GET', '/marketplace/messaging/seller/analytics/messaging');
      expect(everyone.body.windows[0].satisfaction.ratings).toBeGreaterThanOrEqual(3);

      const first = await parley.request('GET', '/marketplace/messaging/seller/ratings?limit=2', { as: seller.userId, role: 'seller' });
      expect(first.status).toBe(200);
      expect(first.body.ratings).toHaveLength(2);
      expect(first.body.nextCursor).not.toBeNull();
      const rest = await parley.request('GET', `/marketplace/messaging/seller/ratings?limit=2&cursor=${first.body.nextCursor}`, { as: seller.userId, role: 'seller' });
      const all = [...first.body.ratings, ...rest.body.ratings];
      expect(all.map((r: any) => r.rating).sort()).toEqual([4, 4, 5]);
      expect(all.every((r: any) => r.sellerId === seller.userId)).toBe(true);
      expect(rest.body.nextCursor).toBeNull();

      expectRefusal(await parley.request('GET', `/marketplace/messaging/seller/ratings?sellerId=${uid('seller')}`, { as: seller.userId, role: 'seller' }), 403, 'not_your_ratings');
      expectRefusal(await parley.request('GET', '/marketplace/messaging/seller/ratings', { as: uid('buyer') }), 403, 'sellers_only');
      expectRefusal(await parley.request('GET', '/marketplace/messaging/seller/ratings?cursor=bogus', { as: seller.userId, role: 'seller' }), 400, 'invalid_cursor');
    });

    it('compares with the median of sellers’ averages once enough sellers were rated', async () => {
      const since = new Date(Date.now() - 60_000);
      const count = Number((await parley.db.selectFrom('order_ratings').select((eb) => eb.fn.count<number>('seller_id').distinct().as('n')).where('rated_at', '>=', since).executeTakeFirstOrThrow()).n);
      for (let i = count; i < 5; i++) {
        const buyer = { userId: uid('buyer') };
        const { orderId } = await deliveredOrder(parley, { buyer, seller: { userId: uid('seller') } });
        await rate(orderId, buyer.userId, { rating: 3 });
      }
      expect(await marketplaceAverageRating(parley.db, since, 1000)).toBeNull();
      const median = await marketplaceAverageRating(parley.db, since, 5);
      expect(median).toBeGreaterThanOrEqual(1);
      expect(median).toBeLessThanOrEqual(5);
    });
  });

  it('keeps ratings in the seller’s figures when the buyer is erased, without their comment', async () => {
    const p = parties();
    const { orderId } = await deliveredOrder(parley, p);
    await rate(orderId, p.buyer.userId, { rating: 2, comment: 'Never answered me, Ana' });
    expect((await parley.request('DELETE', `/users/${p.buyer.userId}`)).status).toBe(200);
    const row = await parley.db.selectFrom('order_ratings').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ rating: 2, comment: null, seller_id: p.seller.userId });
    expect(row.buyer_id).toMatch(/^erased-/);
  });
});
