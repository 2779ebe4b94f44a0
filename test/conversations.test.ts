import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends } from './support/backends.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

/** A user id no other test uses. */
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe.each(backends)('conversations on $name', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '10000' } });
  });
  afterAll(async () => parley?.close());

  /** A general conversation that `buyer` starts with `seller`. */
  async function startConversation(buyer: string, seller: string) {
    const { status, body } = await parley.request('POST', '/conversations', {
      as: buyer,
      body: { participants: [{ userId: buyer, role: 'buyer' }, { userId: seller, role: 'seller' }] },
    });
    expect(status).toBe(201);
    return body.conversationId as string;
  }

  async function listIds(userId: string, query = '') {
    const { status, body } = await parley.request('GET', `/conversations${query}`, { as: userId });
    expect(status).toBe(200);
    return (body.conversations as { conversationId: string }[]).map((c) => c.conversationId);
  }

  describe('POST /conversations', () => {
    it('creates an order conversation once per order id: 201, then 200 with the same conversation', async () => {
      const orderId = `order-${randomUUID()}`;
      const request = {
        conversationType: 'order',
        orderId,
        productId: 'product-7',
        listingId: 'listing-3',
        subject: 'Order questions',
        contextMetadata: { orderTotal: 42.5, currency: 'EUR', items: [{ sku: 'A1', quantity: 2 }] },
        isAutomated: true,
        participants: [
          { userId: 'order-buyer', role: 'buyer' },
          { userId: 'order-seller', role: 'seller' },
        ],
      };
      const first = await parley.request('POST', '/conversations', { body: request });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        conversationType: 'order',
        orderId,
        productId: 'product-7',
        listingId: 'listing-3',
        contextMetadata: { orderTotal: 42.5, currency: 'EUR', items: [{ sku: 'A1', quantity: 2 }] },
        isAutomated: true,
        participants: [
          { userId: 'order-buyer', role: 'buyer' },
          { userId: 'order-seller', role: 'seller' },
        ],
      });
      expect(first.body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(first.body).filter((key) => key.includes('_'))).toEqual([]);

      const second = await parley.request('POST', '/conversations', { body: request });
      expect(second.status).toBe(200);
      expect(second.body.conversationId).toBe(first.body.conversationId);
    });

    it('creates one conversation when the same order is opened concurrently', async () => {
      const orderId = `order-${randomUUID()}`;
      const body = {
        conversationType: 'order',
        orderId,
        participants: [
          { userId: 'race-buyer', role: 'buyer' },
          { userId: 'race-seller', role: 'seller' },
        ],
      };
      const answers = await Promise.all(Array.from({ length: 6 }, () => parley.request('POST', '/conversations', { body })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.conversationId)).size).toBe(1);
      const rows = await parley.db.selectFrom('conversations').select('id').where('order_id', '=', orderId).execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps one product inquiry per buyer and product; another buyer gets a new one', async () => {
      const [buyer, otherBuyer, seller] = [user('inq-buyer'), user('inq-buyer'), user('inq-seller')];
      const productId = `product-${randomUUID()}`;
      const inquiry = (buyerId: string) => ({
        conversationType: 'product_inquiry',
        productId,
        listingId: 'listing-9',
        participants: [
          { userId: buyerId, role: 'buyer' },
          { userId: seller, role: 'seller' },
        ],
      });
      const first = await parley.request('POST', '/conversations', { as: buyer, body: inquiry(buyer) });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ conversationType: 'product_inquiry', productId, listingId: 'listing-9' });

      const again = await parley.request('POST', '/conversations', { as: buyer, body: inquiry(buyer) });
      expect(again.status).toBe(200);
      expect(again.body.conversationId).toBe(first.body.conversationId);

      const fromMarketplace = await parley.request('POST', '/conversations', { body: inquiry(buyer) });
      expect(fromMarketplace.status).toBe(200);
      expect(fromMarketplace.body.conversationId).toBe(first.body.conversationId);

      const other = await parley.request('POST', '/conversations', { as: otherBuyer, body: inquiry(otherBuyer) });
      expect(other.status).toBe(201);
      expect(other.body.conversationId).not.toBe(first.body.conversationId);
    });

    it('creates one product inquiry when the buyer asks twice at once', async () => {
      const [buyer, seller] = [user('inq-buyer'), user('inq-seller')];
      const body = {
        conversationType: 'product_inquiry',
        productId: `product-${randomUUID()}`,
        participants: [
          { userId: buyer, role: 'buyer' },
          { userId: seller, role: 'seller' },
        ],
      };
      const answers = await Promise.all(Array.from({ length: 4 }, () => parley.request('POST', '/conversations', { as: buyer, body })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.conversationId)).size).toBe(1);
    });
  });

  describe('GET /conversations', () => {
    it("lists only the caller's conversations", async () => {
      const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
      const annBob = await startConversation(ann, bob);
      const annCat = await startConversation(ann, cat);
      const bobCat = await startConversation(bob, cat);

      expect((await listIds(ann)).sort()).toEqual([annBob, annCat].sort());
      expect((await listIds(bob)).sort()).toEqual([annBob, bobCat].sort());
      expect(await listIds(user('nobody'))).toEqual([]);
    });

    it('gives each conversation its latest message, or null before the first', async () => {
      const [ann, bob] = [user('ann'), user('bob')];
      const id = await startConversation(ann, bob);
      const latest = async () => (await parley.request('GET', '/conversations', { as: bob })).body.conversations.find((c: any) => c.conversationId === id).lastMessage;
      expect(await latest()).toBeNull();
      for (const content of ['first', 'second']) {
        expect((await parley.request('POST', `/conversations/${id}/messages`, { as: ann, body: { content, clientMessageId: content } })).status).toBe(201);
      }
      expect(await latest()).toMatchObject({ content: 'second', seq: 2, senderId: ann, status: 'sent' });
    });

    it('filters by type and by order id', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const general = await startConversation(buyer, seller);
      const order = await orderConversation(parley, buyer, seller);
      const otherOrder = await orderConversation(parley, buyer, seller);

      expect((await listIds(buyer, '?type=order')).sort()).toEqual([order.conversationId, otherOrder.conversationId].sort());
      expect(await listIds(buyer, '?type=general')).toEqual([general]);
      expect(await listIds(buyer, '?type=dispute')).toEqual([]);
      expect(await listIds(buyer, `?orderId=${order.orderId}`)).toEqual([order.conversationId]);
      expect(await listIds(seller, `?orderId=${otherOrder.orderId}`)).toEqual([otherOrder.conversationId]);
      expect(await listIds(user('stranger'), `?orderId=${order.orderId}`)).toEqual([]);
    });

    it('filters to conversations with unread messages', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const quiet = await startConversation(buyer, seller);
      const busy = await startConversation(buyer, seller);
      await sendMessage(parley, busy, 'Is it still available?', { as: seller, role: 'seller' });
      await sendMessage(parley, quiet, 'Hello from me', { as: buyer });

      expect(await listIds(buyer, '?unread=true')).toEqual([busy]);
      expect(await listIds(seller, '?unread=true')).toEqual([quiet]);
      expect((await listIds(buyer, '?unread=false')).sort()).toEqual([quiet, busy].sort());

      await parley.request('POST', `/conversations/${busy}/read`, { as: buyer });
      expect(await listIds(buyer, '?unread=true')).toEqual([]);
    });

    it('pages through the conversations by cursor without gaps or duplicates, latest activity first', async () => {
      const pager = user('pager');
      const created: string[] = [];
      for (let batch = 0; batch < 5; batch++) {
        // Five at a time, so several conversations share a timestamp's millisecond.
        created.push(...(await Promise.all(Array.from({ length: 5 }, () => startConversation(pager, user('seller'))))));
      }

      const activity = (c: { lastMessageAt: string | null; createdAt: string }) => c.lastMessageAt ?? c.createdAt;
      const seen: { conversationId: string; lastMessageAt: string | null; createdAt: string }[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { status, body } = await parley.request('GET', `/conversations${query}`, { as: pager });
        expect(status).toBe(200);
        pageSizes.push(body.conversations.length);
        seen.push(...body.conversations);
        cursor = body.nextCursor;
      } while (cursor && pageSizes.length < 10);

      expect(pageSizes).toEqual([10, 10, 5]);
      const ids = seen.map((c) => c.conversationId);
      expect(new Set(ids).size).toBe(25);
      expect([...ids].sort()).toEqual([...created].sort());
      const times = seen.map(activity);
      expect(times).toEqual([...times].sort().reverse());

      // A new message moves the least recently active conversation to the top.
      const oldest = ids.at(-1)!;
      await sendMessage(parley, oldest, 'Bumping this one', { as: pager });
      const first = await parley.request('GET', '/conversations?limit=10', { as: pager });
      expect(first.body.conversations[0].conversationId).toBe(oldest);
      expect(first.body.conversations[0].lastMessageAt).not.toBeNull();
    });

    it('pages correctly through conversations whose activity falls within one millisecond', async () => {
      const pager = user('pager');
      const created = await Promise.all(Array.from({ length: 4 }, () => startConversation(pager, user('seller'))));
      // The database keeps microseconds: place the four within the same millisecond.
      for (const [i, id] of created.entries()) {
        await sql`UPDATE conversations SET created_at = ${`2030-01-01T00:00:00.123${i}00Z`}::timestamptz WHERE id = ${id}`.execute(parley.db);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const query: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { body } = await parley.request('GET', `/conversations${query}`, { as: pager });
        seen.push(...body.conversations.map((c: { conversationId: string }) => c.conversationId));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(4);
      expect([...seen].sort()).toEqual([...created].sort());
    });

    it('rejects a cursor it did not issue', async () => {
      const { status, body } = await parley.request('GET', '/conversations?cursor=not-a-cursor', { as: user('buyer') });
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_cursor');
    });
  });

  describe('archive', () => {
    it('archives and unarchives for the caller only', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const id = await startConversation(buyer, seller);

      const archived = await parley.request('POST', `/conversations/${id}/archive`, { as: buyer });
      expect(archived.status).toBe(200);
      expect(archived.body.archived).toBe(true);
      expect(await listIds(buyer)).toEqual([]);
      expect(await listIds(buyer, '?archived=true')).toEqual([id]);
      expect(await listIds(seller)).toEqual([id]);
      expect((await parley.request('GET', `/conversations/${id}`, { as: seller, role: 'seller' })).body.archived).toBe(false);

      const back = await parley.request('POST', `/conversations/${id}/unarchive`, { as: buyer });
      expect(back.status).toBe(200);
      expect(back.body.archived).toBe(false);
      expect(await listIds(buyer)).toEqual([id]);
      expect(await listIds(buyer, '?archived=true')).toEqual([]);
    });

    it('brings an archived conversation back for the recipients of a new message', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const id = await startConversation(buyer, seller);
      await parley.request('POST', `/conversations/${id}/archive`, { as: buyer });
      expect(await listIds(buyer)).toEqual([]);

      const sent = await sendMessage(parley, id, 'Your parcel is on its way', { as: seller, role: 'seller' });
      expect(sent.status).toBe(201);
      expect(await listIds(buyer)).toEqual([id]);
      const { body } = await parley.request('GET', `/conversations/${id}`, { as: buyer });
      expect(body.archived).toBe(false);
      expect(body.unreadCount).toBe(1);
    });

    it('answers 404 to someone who is not a participant', async () => {
      const id = await startConversation(user('buyer'), user('seller'));
      const { status, body } = await parley.request('POST', `/conversations/${id}/archive`, { as: user('stranger') });
      expect(status).toBe(404);
      expect(body.error.code).toBe('conversation_not_found');
    });
  });

  describe('GET /conversations/:id', () => {
    it('shows the conversation to participants and hides it from others', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const id = await startConversation(buyer, seller);
      const mine = await parley.request('GET', `/conversations/${id}`, { as: buyer });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ conversationId: id, conversationType: 'general', unreadCount: 0, archived: false });

      const stranger = await parley.request('GET', `/conversations/${id}`, { as: user('stranger') });
      expect(stranger.status).toBe(404);
      expect(stranger.body.error.code).toBe('conversation_not_found');
      const unknown = await parley.request('GET', `/conversations/${randomUUID()}`, { as: buyer });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('conversation_not_found');
    });

    it("names each participant with the name the marketplace gave Parley, or null", async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const id = await startConversation(buyer, seller);
      expect((await parley.request('PUT', `/users/${seller}/contact`, { body: { name: 'Larkspur Ceramics' } })).status).toBe(200);
      const { body } = await parley.request('GET', `/conversations/${id}`, { as: buyer });
      expect(body.participants.map((p: any) => [p.userId, p.name])).toEqual([
        [buyer, null],
        [seller, 'Larkspur Ceramics'],
      ]);
    });

    it('marks a participant online while they have a socket open', async () => {
      const [buyer, seller] = [user('buyer'), user('seller')];
      const id = await startConversation(buyer, seller);
      const online = async () => {
        const { body } = await parley.request('GET', `/conversations/${id}`, { as: buyer });
        return Object.fromEntries((body.participants as { userId: string; online: boolean }[]).map((p) => [p.userId, p.online]));
      };
      expect(await online()).toEqual({ [buyer]: false, [seller]: false });

      const socket = await parley.connect(seller, 'seller');
      expect(await online()).toEqual({ [buyer]: false, [seller]: true });

      socket.close();
      await vi.waitFor(async () => expect(await online()).toEqual({ [buyer]: false, [seller]: false }), { timeout: 5_000, interval: 50 });
    });
  });
});
