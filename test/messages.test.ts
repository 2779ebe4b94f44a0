import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { freshDatabase, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

/** A user id no other test uses. */
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
/** A word no other message contains, for search. */
const word = () => `w${randomBytes(6).toString('hex')}`;

/** A buyer and a seller in a fresh order conversation. */
async function pair(parley: TestParley) {
  const [buyer, seller] = [user('buyer'), user('seller')];
  const { conversationId, orderId } = await orderConversation(parley, buyer, seller);
  return {
    conversationId,
    orderId,
    buyer,
    seller,
    fromBuyer: (message: string | Record<string, unknown>) => sendMessage(parley, conversationId, message, { as: buyer }),
    fromSeller: (message: string | Record<string, unknown>) => sendMessage(parley, conversationId, message, { as: seller, role: 'seller' }),
  };
}

async function messagesOf(parley: TestParley, conversationId: string, as: string, query = '') {
  const { status, body } = await parley.request('GET', `/conversations/${conversationId}/messages${query}`, { as });
  expect(status).toBe(200);
  return body as { messages: any[]; hasMore: boolean };
}

async function search(parley: TestParley, as: string, q: string) {
  const { status, body } = await parley.request('GET', `/messages/search?q=${encodeURIComponent(q)}`, { as });
  expect(status).toBe(200);
  return (body.messages as { messageId: string }[]).map((m) => m.messageId);
}

async function unreadCount(parley: TestParley, conversationId: string, as: string) {
  const { body } = await parley.request('GET', `/conversations/${conversationId}`, { as });
  return body.unreadCount as number;
}

const key = () => randomBytes(32).toString('base64');

describe.each(backends)('messages on $name', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '10000' } });
  });
  afterAll(async () => parley?.close());

  describe('sending', () => {
    it('sends a text message by default, in the message model', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const { status, body } = await fromBuyer('Hello, is the bike still available?');
      expect(status).toBe(201);
      expect(body).toMatchObject({
        conversationId,
        senderId: buyer,
        messageType: 'text',
        content: 'Hello, is the bike still available?',
        seq: 1,
        isSystem: false,
        readBy: [],
        status: 'sent',
        attachments: [],
        editedAt: null,
        deletedAt: null,
      });
      expect(body.messageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
      expect(body.metadata).toBeTypeOf('object');

      const { messages } = await messagesOf(parley, conversationId, buyer);
      expect(messages).toEqual([body]);
    });

    it('rejects an empty text message and writes nothing', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const { status, body } = await fromBuyer('   ');
      expect(status).toBe(400);
      expect(body.error.code).toBe('content_required');
      expect((await messagesOf(parley, conversationId, buyer)).messages).toEqual([]);
    });

    it('answers 404 to someone posting into a conversation they are not part of', async () => {
      const { conversationId, buyer } = await pair(parley);
      const { status, body } = await sendMessage(parley, conversationId, 'Let me in', { as: user('stranger') });
      expect(status).toBe(404);
      expect(body.error.code).toBe('conversation_not_found');
      expect((await messagesOf(parley, conversationId, buyer)).messages).toEqual([]);
    });

    it('lets the operator send typed marketplace messages with a payload, marked as system', async () => {
      const { conversationId, orderId, buyer } = await pair(parley);
      const typed = [
        { messageType: 'order_status', content: 'Your order has shipped', payload: { orderId, status: 'shipped', note: 'Left the warehouse' } },
        { messageType: 'payment_confirmation', content: 'Payment received', payload: { orderId, amount: 42.5, currency: 'EUR', paymentId: 'pay-1' } },
        {
          messageType: 'tracking',
          content: 'Track your parcel',
          payload: { orderId, carrier: 'DHL', trackingNumber: 'JD0123456789', trackingUrl: 'https://example.com/track/JD0123456789' },
        },
      ];
      for (const message of typed) {
        const { status, body } = await sendMessage(parley, conversationId, message);
        expect(status).toBe(201);
        expect(body).toMatchObject({ ...message, senderId: 'system', isSystem: true });
      }
      const { messages } = await messagesOf(parley, conversationId, buyer);
      expect(messages.map((m) => [m.messageType, m.payload, m.isSystem])).toEqual(typed.map((t) => [t.messageType, t.payload, true]));
    });

    it('rejects a typed message with an invalid payload', async () => {
      const { conversationId, orderId } = await pair(parley);
      const { status, body } = await sendMessage(parley, conversationId, { messageType: 'order_status', payload: { orderId, status: 'teleported' } });
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_payload');
    });

    it('keeps platform message types to the platform', async () => {
      const { orderId, fromBuyer } = await pair(parley);
      const { status, body } = await fromBuyer({ messageType: 'payment_confirmation', payload: { orderId, amount: 1, currency: 'EUR' } });
      expect(status).toBe(403);
      expect(body.error.code).toBe('message_type_not_allowed');
    });
  });

  describe('clientMessageId', () => {
    it('stores a retried send once and answers 200 with the same message', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const clientMessageId = randomUUID();
      const first = await fromBuyer({ content: 'Sent twice', clientMessageId });
      expect(first.status).toBe(201);
      expect(first.body.clientMessageId).toBe(clientMessageId);
      const retry = await fromBuyer({ content: 'Sent twice', clientMessageId });
      expect(retry.status).toBe(200);
      expect(retry.body.messageId).toBe(first.body.messageId);

      const { messages } = await messagesOf(parley, conversationId, buyer);
      expect(messages.map((m) => m.messageId)).toEqual([first.body.messageId]);
    });

    it('stores concurrent sends with one clientMessageId once', async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      const clientMessageId = randomUUID();
      const answers = await Promise.all(Array.from({ length: 5 }, () => fromBuyer({ content: 'Racing', clientMessageId })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.messageId)).size).toBe(1);

      const rows = await parley.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute();
      expect(rows).toHaveLength(1);
      expect(await unreadCount(parley, conversationId, seller)).toBe(1);
    });

    it('treats the same clientMessageId from two senders as two messages', async () => {
      const { conversationId, buyer, fromBuyer, fromSeller } = await pair(parley);
      const clientMessageId = 'client-1';
      expect((await fromBuyer({ content: 'From the buyer', clientMessageId })).status).toBe(201);
      expect((await fromSeller({ content: 'From the seller', clientMessageId })).status).toBe(201);
      expect((await messagesOf(parley, conversationId, buyer)).messages).toHaveLength(2);
    });
  });

  describe('GET /conversations/:id/messages', () => {
    let conversationId: string;
    let buyer: string;
    beforeAll(async () => {
      const p = await pair(parley);
      ({ conversationId, buyer } = p);
      for (let i = 1; i <= 120; i++) {
        const { status } = await (i % 3 === 0 ? p.fromSeller(`message ${i}`) : p.fromBuyer(`message ${i}`));
        expect(status).toBe(201);
      }
    });

    const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    it('returns the newest page in ascending order, with hasMore', async () => {
      const page = await messagesOf(parley, conversationId, buyer, '?limit=50');
      expect(seqs(page.messages)).toEqual(range(71, 120));
      expect(page.messages.map((m) => m.content)).toEqual(range(71, 120).map((i) => `message ${i}`));
      expect(page.hasMore).toBe(true);
    });

    it('walks back with before= to the first message without gaps or duplicates', async () => {
      const pages: number[][] = [];
      let page = await messagesOf(parley, conversationId, buyer, '?limit=50');
      pages.push(seqs(page.messages));
      while (page.hasMore && pages.length < 10) {
        page = await messagesOf(parley, conversationId, buyer, `?limit=50&before=${page.messages[0].seq}`);
        pages.push(seqs(page.messages));
      }
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(pages.reverse().flat()).toEqual(range(1, 120));
    });

    it('walks forward with after= to the newest message without gaps or duplicates', async () => {
      const pages: number[][] = [];
      let after = 0;
      let page: { messages: any[]; hasMore: boolean };
      do {
        page = await messagesOf(parley, conversationId, buyer, `?limit=50&after=${after}`);
        pages.push(seqs(page.messages));
        after = page.messages.at(-1)?.seq ?? after;
      } while (page.hasMore && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(pages.flat()).toEqual(range(1, 120));
    });

    it('returns a window between after= and before=', async () => {
      const page = await messagesOf(parley, conversationId, buyer, '?after=10&before=20');
      expect(seqs(page.messages)).toEqual(range(11, 19));
      expect(page.hasMore).toBe(false);
    });

    it('has nothing after the newest message', async () => {
      const page = await messagesOf(parley, conversationId, buyer, '?after=120');
      expect(page).toEqual({ messages: [], hasMore: false });
    });
  });

  describe('edit and delete', () => {
    it('lets the sender edit their message', async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      const sent = await fromBuyer('I can pay 40');
      const edited = await parley.request('PATCH', `/conversations/${conversationId}/messages/${sent.body.messageId}`, {
        as: sent.body.senderId,
        body: { content: 'I can pay 45' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ messageId: sent.body.messageId, content: 'I can pay 45', seq: sent.body.seq });
      expect(edited.body.editedAt).not.toBeNull();

      const { messages } = await messagesOf(parley, conversationId, seller);
      expect(messages).toMatchObject([{ messageId: sent.body.messageId, content: 'I can pay 45' }]);
    });

    it('lets the sender delete their message, which stays as deleted without content', async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      const kept = await fromBuyer('First');
      const sent = await fromBuyer('Oops, wrong chat');
      const deleted = await parley.request('DELETE', `/conversations/${conversationId}/messages/${sent.body.messageId}`, { as: sent.body.senderId });
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ messageId: sent.body.messageId, status: 'deleted', content: null });
      expect(deleted.body.deletedAt).not.toBeNull();

      const { messages } = await messagesOf(parley, conversationId, seller);
      expect(messages.map((m) => [m.messageId, m.status, m.content])).toEqual([
        [kept.body.messageId, 'sent', 'First'],
        [sent.body.messageId, 'deleted', null],
      ]);

      const again = await parley.request('PATCH', `/conversations/${conversationId}/messages/${sent.body.messageId}`, {
        as: sent.body.senderId,
        body: { content: 'Back again' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('message_deleted');
    });

    it("does not let anyone else edit or delete a user's message", async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      const sent = await fromBuyer('Mine');
      const path = `/conversations/${conversationId}/messages/${sent.body.messageId}`;
      const edit = await parley.request('PATCH', path, { as: seller, role: 'seller', body: { content: 'Yours' } });
      expect(edit.status).toBe(403);
      expect(edit.body.error.code).toBe('not_message_sender');
      const remove = await parley.request('DELETE', path, { as: seller, role: 'seller' });
      expect(remove.status).toBe(403);
      expect((await messagesOf(parley, conversationId, seller)).messages[0]).toMatchObject({ content: 'Mine', status: 'sent' });
    });
  });

  describe('read receipts, unread counts and delivery', () => {
    it('counts unread messages per participant and clears them on read', async () => {
      const { conversationId, buyer, seller, fromBuyer } = await pair(parley);
      for (const text of ['One', 'Two', 'Three']) await fromBuyer(text);

      expect(await unreadCount(parley, conversationId, seller)).toBe(3);
      expect(await unreadCount(parley, conversationId, buyer)).toBe(0);
      const listed = async (as: string) =>
        (await parley.request('GET', '/conversations', { as })).body.conversations.find((c: { conversationId: string }) => c.conversationId === conversationId);
      expect(await listed(seller)).toMatchObject({ unreadCount: 3 });
      expect(await listed(buyer)).toMatchObject({ unreadCount: 0 });

      const partly = await parley.request('POST', `/conversations/${conversationId}/read`, { as: seller, role: 'seller', body: { seq: 1 } });
      expect(partly.status).toBe(200);
      expect(partly.body).toEqual({ lastReadSeq: 1, unreadCount: 2 });
      expect(await unreadCount(parley, conversationId, seller)).toBe(2);

      const all = await parley.request('POST', `/conversations/${conversationId}/read`, { as: seller, role: 'seller' });
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ lastReadSeq: 3, unreadCount: 0 });
      expect(await listed(seller)).toMatchObject({ unreadCount: 0 });

      const { messages } = await messagesOf(parley, conversationId, buyer);
      expect(messages.map((m) => [m.readBy, m.status])).toEqual([
        [[seller], 'read'],
        [[seller], 'read'],
        [[seller], 'read'],
      ]);
      const { body } = await parley.request('GET', `/conversations/${conversationId}`, { as: buyer });
      expect(body.participants).toMatchObject([
        { userId: buyer, lastReadSeq: 0 },
        { userId: seller, lastReadSeq: 3 },
      ]);
    });

    it('never moves the read mark back', async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      await fromBuyer('One');
      await fromBuyer('Two');
      await parley.request('POST', `/conversations/${conversationId}/read`, { as: seller, role: 'seller' });
      const back = await parley.request('POST', `/conversations/${conversationId}/read`, { as: seller, role: 'seller', body: { seq: 1 } });
      expect(back.body).toEqual({ lastReadSeq: 2, unreadCount: 0 });
    });

    it('marks messages delivered once the recipient has fetched them', async () => {
      const { conversationId, buyer, seller, fromBuyer } = await pair(parley);
      await fromBuyer('Are you there?');
      expect((await messagesOf(parley, conversationId, buyer)).messages[0]).toMatchObject({ status: 'sent', readBy: [] });

      await messagesOf(parley, conversationId, seller);
      expect((await messagesOf(parley, conversationId, buyer)).messages[0]).toMatchObject({ status: 'delivered', readBy: [] });
      // Fetching is not reading.
      expect(await unreadCount(parley, conversationId, seller)).toBe(1);
    });

    it('lowers the unread count when an unread message is deleted', async () => {
      const { conversationId, seller, fromBuyer } = await pair(parley);
      await fromBuyer('Keep this');
      const regret = await fromBuyer('Delete this');
      expect(await unreadCount(parley, conversationId, seller)).toBe(2);

      await parley.request('DELETE', `/conversations/${conversationId}/messages/${regret.body.messageId}`, { as: regret.body.senderId });
      expect(await unreadCount(parley, conversationId, seller)).toBe(1);
    });
  });

  describe('search', () => {
    it('finds messages by their words, ignoring case and accents', async () => {
      const { buyer, seller, fromBuyer } = await pair(parley);
      const topic = word();
      const sent = await fromBuyer(`Le CAFÉ est très chaud, ${topic}!`);
      await fromBuyer('Something else entirely');

      for (const q of [`cafe ${topic}`, `Café TRES ${topic}`, `${topic.toUpperCase()} chaud`]) {
        expect(await search(parley, buyer, q)).toEqual([sent.body.messageId]);
        expect(await search(parley, seller, q)).toEqual([sent.body.messageId]);
      }
      expect(await search(parley, buyer, `${topic} froid`)).toEqual([]);
    });

    it("searches only the caller's conversations", async () => {
      const mine = await pair(parley);
      const theirs = await pair(parley);
      const topic = word();
      const visible = await mine.fromBuyer(`Shipping ${topic}`);
      const hidden = await theirs.fromBuyer(`Shipping ${topic}`);

      expect(await search(parley, mine.buyer, topic)).toEqual([visible.body.messageId]);
      expect(await search(parley, theirs.seller, topic)).toEqual([hidden.body.messageId]);
      expect(await search(parley, user('stranger'), topic)).toEqual([]);
    });

    it('does not find deleted messages', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const topic = word();
      const sent = await fromBuyer(`Forget ${topic}`);
      expect(await search(parley, buyer, topic)).toEqual([sent.body.messageId]);
      await parley.request('DELETE', `/conversations/${conversationId}/messages/${sent.body.messageId}`, { as: buyer });
      expect(await search(parley, buyer, topic)).toEqual([]);
    });

    it('finds an edited message by its new words, not its old ones', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const [before, after] = [word(), word()];
      const sent = await fromBuyer(`Colour ${before}`);
      await parley.request('PATCH', `/conversations/${conversationId}/messages/${sent.body.messageId}`, { as: buyer, body: { content: `Colour ${after}` } });

      expect(await search(parley, buyer, before)).toEqual([]);
      expect(await search(parley, buyer, after)).toEqual([sent.body.messageId]);
    });

    it('refuses a query without a searchable word', async () => {
      const { status, body } = await parley.request('GET', `/messages/search?q=${encodeURIComponent('! ?')}`, { as: user('buyer') });
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_query');
    });
  });

  describe('encryption at rest', () => {
    it('stores the body encrypted, with its key id', async () => {
      const { fromBuyer } = await pair(parley);
      const secret = `my card number is ${word()}`;
      const sent = await fromBuyer(secret);
      const row = await parley.db
        .selectFrom('messages')
        .select(['content_encrypted', 'key_id', 'search_tokens'])
        .where('id', '=', sent.body.messageId)
        .executeTakeFirstOrThrow();
      const raw = Buffer.from(row.content_encrypted!);
      expect(raw.length).toBeGreaterThan(Buffer.byteLength(secret));
      expect(raw.includes(Buffer.from(secret))).toBe(false);
      expect(raw.includes(Buffer.from('card number'))).toBe(false);
      expect(raw.toString('latin1')).not.toContain('card');
      expect(row.key_id).toBe('k1');
      expect(row.search_tokens.join(' ')).not.toContain('card');
    });

    it('reads and searches old messages after a key rotation and encrypts new ones with the new key', async () => {
      const [k1, k2] = [key(), key()];
      const database = await freshDatabase(backend);
      try {
        const [oldWord, newWord] = [word(), word()];
        const first = await startParley(backend, { database, env: { PARLEY_ENCRYPTION_KEY: `k1:${k1}` } });
        let conversationId: string;
        let buyer: string;
        let old: { messageId: string };
        try {
          const p = await pair(first);
          ({ conversationId, buyer } = p);
          old = (await p.fromBuyer(`Before the rotation ${oldWord}`)).body;
        } finally {
          await first.close();
        }

        const second = await startParley(backend, { database, env: { PARLEY_ENCRYPTION_KEY: `k2:${k2},k1:${k1}` } });
        try {
          const fresh = (await sendMessage(second, conversationId, `After the rotation ${newWord}`, { as: buyer })).body;
          const { messages } = await messagesOf(second, conversationId, buyer);
          expect(messages.map((m) => m.content)).toEqual([`Before the rotation ${oldWord}`, `After the rotation ${newWord}`]);

          expect(await search(second, buyer, oldWord)).toEqual([old.messageId]);
          expect(await search(second, buyer, newWord)).toEqual([fresh.messageId]);
          expect(await search(second, buyer, 'rotation')).toEqual([fresh.messageId, old.messageId]);

          const keys = await second.db.selectFrom('messages').select(['id', 'key_id']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
          expect(keys).toEqual([
            { id: old.messageId, key_id: 'k1' },
            { id: fresh.messageId, key_id: 'k2' },
          ]);
        } finally {
          await second.close();
        }
      } finally {
        await database.handle.close();
        await database.drop();
      }
    });
  });
});

describe.each(backends)('message limits on $name', (backend) => {
  describe('edit window', () => {
    let parley: TestParley;
    beforeAll(async () => {
      parley = await startParley(backend, { env: { PARLEY_EDIT_WINDOW_SECONDS: '1' } });
    });
    afterAll(async () => parley?.close());

    it('refuses to edit or delete a message once the window has closed', async () => {
      const { conversationId, buyer, fromBuyer } = await pair(parley);
      const sent = await fromBuyer('Too late to change');
      await sleep(1_500);
      const path = `/conversations/${conversationId}/messages/${sent.body.messageId}`;

      const edit = await parley.request('PATCH', path, { as: buyer, body: { content: 'Changed' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe('edit_window_closed');
      const remove = await parley.request('DELETE', path, { as: buyer });
      expect(remove.status).toBe(409);
      expect(remove.body.error.code).toBe('edit_window_closed');

      expect((await messagesOf(parley, conversationId, buyer)).messages[0]).toMatchObject({ content: 'Too late to change', status: 'sent', editedAt: null });
    });
  });

  describe('send rate limit', () => {
    let parley: TestParley;
    beforeAll(async () => {
      parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '3', PARLEY_SEND_RATE_WINDOW_SECONDS: '60' } });
    });
    afterAll(async () => parley?.close());

    it('answers the fourth message in the window with 429 and Retry-After, per user', async () => {
      const { conversationId, buyer, fromBuyer, fromSeller } = await pair(parley);
      for (const text of ['one', 'two', 'three']) expect((await fromBuyer(text)).status).toBe(201);

      const limited = await fromBuyer('four');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      const retryAfter = limited.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);

      expect((await fromSeller('The seller may still write')).status).toBe(201);
      const { messages } = await messagesOf(parley, conversationId, buyer);
      expect(messages.map((m) => m.content)).toEqual(['one', 'two', 'three', 'The seller may still write']);
    });
  });
});
