import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageCrypto } from '../src/crypto/message-crypto.ts';
import { createLogger } from '../src/logger.ts';
import { createAnalyticsJob } from '../src/marketplace/analytics/analytics-job.ts';
import { backends } from './support/backends.ts';
import { expectRefusal, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const minutes = 60_000;
const hours = 60 * minutes;
const utcDay = (at: Date) => at.toISOString().slice(0, 10);
/** Noon (UTC) `n` days ago: far enough from midnight that a few hours stay on the same day. */
const noonDaysAgo = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - n, 12));
};
/** Scheduled rounds stay out of the way: tests run the job themselves. */
const env = { PARLEY_JOB_INTERVAL_MS: '3600000', PARLEY_ANALYTICS_INTERVAL_SECONDS: '3600' };

async function inquiryConversation(parley: TestParley, buyer: string, seller: string) {
  const { status, body } = await parley.request('POST', '/conversations', {
    body: { conversationType: 'product_inquiry', productId: `product-${randomUUID()}`, participants: [{ userId: buyer, role: 'buyer' }, { userId: seller, role: 'seller' }] },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.conversationId as string;
}

/** Writes a message as `userId` (or as the platform, with `userId` null) and dates it `at`. */
async function message(parley: TestParley, conversationId: string, from: { userId: string | null; role?: 'buyer' | 'seller' | 'moderator' }, at: Date, content = 'Hello') {
  const body =
    from.userId === null
      ? { messageType: 'order_status', payload: { orderId: 'order-1', status: 'shipped' } }
      : { content };
  const reply = await sendMessage(parley, conversationId, body, from.userId === null ? {} : { as: from.userId, role: from.role });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  await parley.db.updateTable('messages').set({ created_at: at }).where('id', '=', reply.body.messageId).execute();
  return reply.body as { messageId: string; seq: number; senderId: string };
}

/** One round of the analytics job, as the scheduler would run it. */
const runAnalytics = (parley: TestParley): Promise<number> => parley.app.parley.marketplace.jobs.run('analytics');

const conversationAnalytics = (parley: TestParley, conversationId: string, as?: string, role?: 'buyer' | 'seller' | 'moderator') =>
  parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/analytics`, { as, role });

const sellerAnalytics = (parley: TestParley, options: { as?: string; role?: 'buyer' | 'seller' | 'moderator'; sellerId?: string } = {}) =>
  parley.request('GET', `/marketplace/messaging/seller/analytics/messaging${options.sellerId ? `?sellerId=${options.sellerId}` : ''}`, { as: options.as, role: options.role });

const windowOf = (body: any, n: number) => body.windows.find((w: any) => w.days === n);

describe.each(backends)('marketplace analytics on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env });
  });
  afterAll(async () => {
    await parley?.close();
  });

  describe('response times', () => {
    const buyer = user('buyer');
    const seller = user('seller');
    const moderator = user('moderator');
    const asked = noonDaysAgo(3);
    let conversationId: string;

    beforeAll(async () => {
      const { status, body } = await parley.request('POST', '/conversations', {
        body: {
          conversationType: 'order',
          orderId: `order-${randomUUID()}`,
          participants: [
            { userId: buyer, role: 'buyer' },
            { userId: seller, role: 'seller' },
            { userId: moderator, role: 'moderator' },
          ],
        },
      });
      expect(status).toBe(201);
      conversationId = body.conversationId;
      const b = { userId: buyer, role: 'buyer' as const };
      const s = { userId: seller, role: 'seller' as const };
      const at = (ms: number) => new Date(asked.getTime() + ms);
      await message(parley, conversationId, b, at(0), 'Hi, when will my order ship?');
      const autoReply = await message(parley, conversationId, s, at(5 * minutes), 'Thanks for your message, I will answer soon.');
      await parley.db.updateTable('messages').set({ is_automated: true }).where('id', '=', autoReply.messageId).execute();
      await message(parley, conversationId, { userId: null }, at(10 * minutes));
      await message(parley, conversationId, s, at(30 * minutes), 'It ships today.');
      await message(parley, conversationId, b, at(1 * hours), 'Can you add a gift note?');
      await message(parley, conversationId, b, at(1 * hours + 5 * minutes), 'It is for my sister.');
      await message(parley, conversationId, s, at(3 * hours), 'Done.');
      await message(parley, conversationId, b, at(4 * hours), 'Which carrier do you use?');
      await message(parley, conversationId, s, at(34 * hours), 'The usual post.');
    });

    it('counts questions and responses exactly, leaving out platform and automated messages', async () => {
      expect(await runAnalytics(parley)).toBeGreaterThanOrEqual(1);
      const { status, body } = await conversationAnalytics(parley, conversationId, seller, 'seller');
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body).toMatchObject({
        conversationId,
        sellerId: seller,
        buyerId: buyer,
        conversationType: 'order',
        firstResponseSeconds: 1800,
        medianResponseSeconds: 7200,
        averageResponseSeconds: 39_000,
        responses: 3,
        responseRate24h: 0.6667,
        lateResponseRate: 0.3333,
        unansweredSince: null,
        buyerMessages: 4,
        sellerMessages: 3,
        converted: null,
      });
      const day0 = utcDay(asked);
      const day1 = utcDay(new Date(asked.getTime() + 34 * hours));
      expect(body.perDay).toEqual([
        { day: day0, buyerMessages: 4, sellerMessages: 2 },
        { day: day1, buyerMessages: 0, sellerMessages: 1 },
      ]);
      expect(new Date(body.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const rows = await parley.db.selectFrom('conversation_responses').select(['asked_seq', 'response_seconds', 'is_first']).where('conversation_id', '=', conversationId).orderBy('asked_seq').execute();
      expect(rows).toEqual([
        { asked_seq: 1, response_seconds: 1800, is_first: true },
        { asked_seq: 5, response_seconds: 7200, is_first: false },
        { asked_seq: 8, response_seconds: 108_000, is_first: false },
      ]);
    });

    it("gives the seller's figures per window", async () => {
      const { status, body } = await sellerAnalytics(parley, { as: seller, role: 'seller' });
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.sellerId).toBe(seller);
      expect(body.windows.map((w: any) => w.days)).toEqual([7, 30, 90]);
      expect(windowOf(body, 7)).toMatchObject({
        firstResponseSeconds: 1800,
        medianResponseSeconds: 7200,
        averageResponseSeconds: 39_000,
        questions: 3,
        responses: 3,
        responseRate24h: 0.6667,
        lateResponseRate: 0.3333,
        inquiries: 0,
        convertedInquiries: 0,
        conversionRate: null,
        engagementRate: 0.5,
      });
      expect(windowOf(body, 7).messageVolume).toEqual([
        { day: utcDay(asked), buyerMessages: 4, sellerMessages: 2, activeConversations: 1, engagedConversations: 1 },
        { day: utcDay(new Date(asked.getTime() + 34 * hours)), buyerMessages: 0, sellerMessages: 1, activeConversations: 1, engagedConversations: 0 },
      ]);
    });

    it('counts nothing twice, and takes in new messages on the next round', async () => {
      expect(await runAnalytics(parley)).toBe(0);
      const again = await conversationAnalytics(parley, conversationId, seller, 'seller');
      expect(again.body).toMatchObject({ responses: 3, buyerMessages: 4, sellerMessages: 3 });

      const open = new Date(Date.now() - 2 * hours);
      await message(parley, conversationId, { userId: buyer, role: 'buyer' }, open, 'Has it left yet?');
      await runAnalytics(parley);
      const waiting = await conversationAnalytics(parley, conversationId, seller, 'seller');
      // A question asked less than 24 h ago is not yet due: the rate stays 2 of 3.
      expect(waiting.body).toMatchObject({ responses: 3, buyerMessages: 5, unansweredSince: open.toISOString(), responseRate24h: 0.6667 });
      const pending = await parley.db.selectFrom('conversation_responses').select(['answered_at']).where('conversation_id', '=', conversationId).where('asked_seq', '=', 10).executeTakeFirstOrThrow();
      expect(pending.answered_at).toBeNull();

      await message(parley, conversationId, { userId: seller, role: 'seller' }, new Date(open.getTime() + 1 * hours), 'Yes, this morning.');
      expect(await runAnalytics(parley)).toBe(1);
      const answered = await conversationAnalytics(parley, conversationId, seller, 'seller');
      expect(answered.body).toMatchObject({ responses: 4, buyerMessages: 5, sellerMessages: 4, unansweredSince: null, responseRate24h: 0.75, lateResponseRate: 0.25, medianResponseSeconds: 5400 });
    });

    it('lets the seller, a moderator of the conversation and operators read it; not its buyer, not strangers', async () => {
      expect((await conversationAnalytics(parley, conversationId)).status).toBe(200);
      expect((await conversationAnalytics(parley, conversationId, moderator, 'moderator')).status).toBe(200);
      expectRefusal(await conversationAnalytics(parley, conversationId, buyer, 'buyer'), 403, 'analytics_sellers_only');
      expectRefusal(await conversationAnalytics(parley, conversationId, user('seller'), 'seller'), 404, 'conversation_not_found');
      expectRefusal(await conversationAnalytics(parley, conversationId, user('moderator'), 'moderator'), 404, 'conversation_not_found');
      expectRefusal(await conversationAnalytics(parley, randomUUID(), seller, 'seller'), 404, 'conversation_not_found');
    });

    it('shows sellers only their own figures; operators any seller or the whole marketplace', async () => {
      expectRefusal(await sellerAnalytics(parley, { as: user('seller'), role: 'seller', sellerId: seller }), 403, 'not_your_analytics');
      expectRefusal(await sellerAnalytics(parley, { as: buyer, role: 'buyer' }), 403, 'sellers_only');
      expectRefusal(await sellerAnalytics(parley, { as: moderator, role: 'moderator', sellerId: seller }), 403, 'sellers_only');
      const own = await sellerAnalytics(parley, { as: seller, role: 'seller', sellerId: seller });
      expect(own.status).toBe(200);
      const named = await sellerAnalytics(parley, { sellerId: seller });
      expect(named.status).toBe(200);
      expect(windowOf(named.body, 7).responses).toBe(4);
      const everyone = await sellerAnalytics(parley);
      expect(everyone.status).toBe(200);
      expect(everyone.body.sellerId).toBeNull();
      expect(windowOf(everyone.body, 90).responses).toBeGreaterThanOrEqual(4);
    });
  });

  describe('windows and conversion', () => {
    const seller = user('seller');

    it('counts a question 40 days old in the 90-day window, not in the 30-day one', async () => {
      const buyer = user('buyer');
      const old = await orderConversation(parley, buyer, seller);
      const b = { userId: buyer, role: 'buyer' as const };
      const s = { userId: seller, role: 'seller' as const };
      const longAgo = noonDaysAgo(40);
      await message(parley, old.conversationId, b, longAgo);
      await message(parley, old.conversationId, s, new Date(longAgo.getTime() + 1 * hours));
      const recent = noonDaysAgo(2);
      await message(parley, old.conversationId, b, recent);
      await message(parley, old.conversationId, s, new Date(recent.getTime() + 2 * hours));
      await runAnalytics(parley);

      const { body } = await sellerAnalytics(parley, { as: seller, role: 'seller' });
      expect(windowOf(body, 30)).toMatchObject({ questions: 1, responses: 1, medianResponseSeconds: 7200, firstResponseSeconds: null });
      expect(windowOf(body, 90)).toMatchObject({ questions: 2, responses: 2, medianResponseSeconds: 5400, averageResponseSeconds: 5400, firstResponseSeconds: 3600 });
      expect(windowOf(body, 30).messageVolume.map((d: any) => d.day)).toEqual([utcDay(recent)]);
      expect(windowOf(body, 90).messageVolume.map((d: any) => d.day)).toEqual([utcDay(longAgo), utcDay(recent)]);
    });

    it('counts product inquiries and those that led to an order', async () => {
      const converted = await inquiryConversation(parley, user('buyer'), seller);
      await inquiryConversation(parley, user('buyer'), seller);
      await parley.db.updateTable('conversations').set({ converted_order_id: 'order-42', converted_at: new Date() }).where('id', '=', converted).execute();

      const { body } = await sellerAnalytics(parley, { as: seller, role: 'seller' });
      for (const n of [7, 30, 90]) expect(windowOf(body, n)).toMatchObject({ inquiries: 2, convertedInquiries: 1, conversionRate: 0.5 });
      const view = await conversationAnalytics(parley, converted, seller, 'seller');
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ conversationType: 'product_inquiry', converted: 'order-42', buyerMessages: 0, updatedAt: null });
    });
  });

  describe('sentiment flags', () => {
    const seller = user('seller');
    const moderator = user('moderator');
    let angry: { conversationId: string; buyer: string };
    let unhappy: { conversationId: string; buyer: string };

    const flags = (query = '', as = moderator, role: 'buyer' | 'seller' | 'moderator' = 'moderator') =>
      parley.request('GET', `/marketplace/messaging/moderation/flagged${query}`, { as, role });
    const review = (flagId: string, body: unknown = { note: 'Talked to both; the parcel was delayed.' }, as = moderator, role: 'buyer' | 'seller' | 'moderator' = 'moderator') =>
      parley.request('POST', `/marketplace/messaging/moderation/flags/${flagId}/review`, { as, role, body });
    const flagsOf = async (conversationId: string) =>
      parley.db.selectFrom('conversation_flags').selectAll().where('conversation_id', '=', conversationId).execute();

    beforeAll(async () => {
      const buyer1 = user('buyer');
      angry = { buyer: buyer1, conversationId: (await orderConversation(parley, buyer1, seller)).conversationId };
      const buyer2 = user('buyer');
      unhappy = { buyer: buyer2, conversationId: (await orderConversation(parley, buyer2, seller)).conversationId };
    });

    it('flags a buyer turning negative once, and leaves ordinary complaints alone', async () => {
      const calmBuyer = user('buyer');
      const calm = await orderConversation(parley, calmBuyer, seller);
      const now = Date.now();
      await message(parley, calm.conversationId, { userId: calmBuyer, role: 'buyer' }, new Date(now - 3 * hours), 'the box was a bit dented but fine');
      await message(parley, angry.conversationId, { userId: angry.buyer, role: 'buyer' }, new Date(now - 3 * hours), 'This is a scam, worst seller ever, I want my money back');
      const b = { userId: unhappy.buyer, role: 'buyer' as const };
      await message(parley, unhappy.conversationId, b, new Date(now - 3 * hours), 'Still no reply. This is really disappointing.');
      await message(parley, unhappy.conversationId, b, new Date(now - 2 * hours), 'I am very unhappy with this order.');
      await message(parley, unhappy.conversationId, b, new Date(now - 1 * hours), 'Nobody answers, this is frustrating');
      await runAnalytics(parley);

      expect(await flagsOf(calm.conversationId)).toEqual([]);
      const [scam] = await flagsOf(angry.conversationId);
      expect(scam).toMatchObject({ reason: 'negative_sentiment', reviewed_at: null });
      expect((scam!.detail as any).rule).toBe('strongly_negative_message');
      const [run] = await flagsOf(unhappy.conversationId);
      expect((run!.detail as any).rule).toBe('negative_run');
      expect((run!.detail as any).recent).toHaveLength(3);

      await message(parley, angry.conversationId, { userId: angry.buyer, role: 'buyer' }, new Date(now - 1 * hours), 'Fraud! You stole my money');
      await runAnalytics(parley);
      expect(await flagsOf(angry.conversationId)).toHaveLength(1);

      const view = await conversationAnalytics(parley, angry.conversationId, seller, 'seller');
      expect(view.body.sentiment).toMatchObject({ flagged: true, recent: [{ score: -6, comparative: -0.5 }, { score: -7, comparative: -1.4 }], average: -0.95 });
    });

    it('lists flags for moderators, newest first, page by page', async () => {
      const { status, body } = await flags('?reviewed=false');
      expect(status, JSON.stringify(body)).toBe(200);
      const mine = body.flags.filter((f: any) => [angry.conversationId, unhappy.conversationId].includes(f.conversationId));
      expect(mine).toHaveLength(2);
      const scam = mine.find((f: any) => f.conversationId === angry.conversationId);
      expect(scam).toMatchObject({ conversationType: 'order', buyerId: angry.buyer, sellerId: seller, reason: 'negative_sentiment', score: -0.5, messageSeq: 1, reviewedAt: null, reviewedBy: null });
      expect(scam.recent).toEqual([{ score: -6, comparative: -0.5 }]);
      expect(typeof scam.orderId).toBe('string');
      const times = body.flags.map((f: any) => f.flaggedAt);
      expect([...times].sort().reverse()).toEqual(times);

      const first = await flags('?limit=1');
      expect(first.body.flags).toHaveLength(1);
      const second = await flags(`?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(second.body.flags).toHaveLength(1);
      expect(second.body.flags[0].flagId).not.toBe(first.body.flags[0].flagId);
      expect([first.body.flags[0].flagId, second.body.flags[0].flagId]).toEqual(body.flags.map((f: any) => f.flagId));
      expect(second.body.nextCursor).toBeNull();
      expectRefusal(await flags('?cursor=not-a-cursor'), 400, 'invalid_cursor');
      const asOperator = await parley.request('GET', '/marketplace/messaging/moderation/flagged');
      expect(asOperator.status).toBe(200);
      expect(asOperator.body.flags.length).toBeGreaterThanOrEqual(2);
    });

    it('lets a moderator review a flag once', async () => {
      const [flag] = await flagsOf(angry.conversationId);
      expectRefusal(await review(flag!.id, {}, seller, 'seller'), 403, 'moderators_only');
      const reviewed = await review(flag!.id);
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
      expect(reviewed.body).toMatchObject({ flagId: flag!.id, reviewedBy: moderator, reviewNote: 'Talked to both; the parcel was delayed.' });
      expectRefusal(await review(flag!.id), 409, 'flag_already_reviewed');
      expectRefusal(await review(randomUUID()), 404, 'flag_not_found');
      expectRefusal(await review('not-a-flag'), 404, 'flag_not_found');

      const open = await flags('?reviewed=false');
      expect(open.body.flags.map((f: any) => f.conversationId)).not.toContain(angry.conversationId);
      const done = await flags('?reviewed=true');
      expect(done.body.flags.map((f: any) => f.flagId)).toContain(flag!.id);
      const view = await conversationAnalytics(parley, angry.conversationId, seller, 'seller');
      expect(view.body.sentiment.flagged).toBe(false);

      const [run] = await flagsOf(unhappy.conversationId);
      const withoutNote = await parley.request('POST', `/marketplace/messaging/moderation/flags/${run!.id}/review`);
      expect(withoutNote.status, JSON.stringify(withoutNote.body)).toBe(200);
      expect(withoutNote.body).toMatchObject({ reviewedBy: 'operator', reviewNote: null });
    });

    it('flags a conversation again after review when the buyer stays negative', async () => {
      await message(parley, angry.conversationId, { userId: angry.buyer, role: 'buyer' }, new Date(), 'Worst experience ever. Terrible service.');
      await runAnalytics(parley);
      const rows = await flagsOf(angry.conversationId);
      expect(rows).toHaveLength(2);
      expect(rows.filter((f) => f.reviewed_at === null)).toHaveLength(1);
    });

    it('refuses the list to buyers and sellers', async () => {
      expectRefusal(await flags('', angry.buyer, 'buyer'), 403, 'moderators_only');
      expectRefusal(await flags('', seller, 'seller'), 403, 'moderators_only');
    });
  });
});

describe.each(backends)('anonymised marketplace comparison on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env });
  });
  afterAll(async () => {
    await parley?.close();
  });

  /** A seller who answered one question, asked two days ago, after `seconds`. */
  async function sellerAnswering(seconds: number): Promise<string> {
    const seller = user('seller');
    const buyer = user('buyer');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    const asked = noonDaysAgo(2);
    await message(parley, conversationId, { userId: buyer, role: 'buyer' }, asked);
    await message(parley, conversationId, { userId: seller, role: 'seller' }, new Date(asked.getTime() + seconds * 1000));
    return seller;
  }

  it('is given only when at least five sellers contribute, as medians without seller ids', async () => {
    const sellers = [];
    for (const seconds of [600, 1200, 1800, 2400]) sellers.push(await sellerAnswering(seconds));
    await runAnalytics(parley);
    const few = await sellerAnalytics(parley, { as: sellers[0], role: 'seller' });
    expect(few.status).toBe(200);
    for (const w of few.body.windows) expect(w.marketplace).toBeNull();

    sellers.push(await sellerAnswering(30 * hours / 1000));
    await runAnalytics(parley);
    const { status, body } = await sellerAnalytics(parley, { as: sellers[0], role: 'seller' });
    expect(status).toBe(200);
    expect(windowOf(body, 7).medianResponseSeconds).toBe(600);
    for (const n of [7, 30, 90]) {
      expect(windowOf(body, n).marketplace).toEqual({
        sellers: 5,
        firstResponseSeconds: 1800,
        medianResponseSeconds: 1800,
        averageResponseSeconds: 1800,
        responseRate24h: 1,
        lateResponseRate: 0,
        conversionRate: null,
        engagementRate: 1,
        // No seller was rated by buyers here.
        averageRating: null,
      });
    }
    const text = JSON.stringify(body.windows.map((w: any) => w.marketplace));
    for (const seller of sellers) expect(text).not.toContain(seller);

    const operator = await sellerAnalytics(parley);
    expect(windowOf(operator.body, 7)).toMatchObject({ questions: 5, responses: 5, medianResponseSeconds: 1800, lateResponseRate: 0.2 });
    expect(windowOf(operator.body, 7).marketplace.sellers).toBe(5);
  });
});

describe('the batch on several workers', () => {
  it.each(backends)('never counts a message twice when rounds overlap, batch after batch ($name)', async (backend) => {
    const parley = await startParley(backend, { env });
    try {
      const seller = user('seller');
      const asked = noonDaysAgo(1);
      const conversationIds: string[] = [];
      for (let c = 0; c < 3; c++) {
        const buyer = user('buyer');
        const { conversationId } = await orderConversation(parley, buyer, seller);
        conversationIds.push(conversationId);
        for (let i = 0; i < 4; i++) {
          await message(parley, conversationId, { userId: buyer, role: 'buyer' }, new Date(asked.getTime() + i * 2 * hours));
          await message(parley, conversationId, { userId: seller, role: 'seller' }, new Date(asked.getTime() + i * 2 * hours + 10 * minutes));
        }
      }
      const crypto = new MessageCrypto(parley.config.encryptionKey);
      const workers = [0, 1, 2].map(() => createAnalyticsJob({ db: parley.db, crypto, log: createLogger('silent') }));
      // Batches of two: three conversations take two batches per worker.
      const updated = await Promise.all(workers.map((w) => w.refresh(2)));
      expect(updated.reduce((a, b) => a + b, 0)).toBe(3);
      for (const conversationId of conversationIds) {
        const row = await parley.db.selectFrom('conversation_analytics').selectAll().where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ buyer_messages: 4, seller_messages: 4, responses: 4, response_seconds_total: 2400, last_processed_seq: 8 });
        const days = await parley.db.selectFrom('conversation_daily_stats').select(['buyer_messages', 'seller_messages']).where('conversation_id', '=', conversationId).execute();
        expect(days.reduce((n, d) => n + d.buyer_messages + d.seller_messages, 0)).toBe(8);
      }
      expect(await Promise.all(workers.map((w) => w.refresh(2)))).toEqual([0, 0, 0]);
    } finally {
      await parley.close();
    }
  });
});
