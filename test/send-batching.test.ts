import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { orderConversation, startParley, type TestParley, type TestSocket } from './support/parley.ts';

/**
 * Sends that arrive together are written together (one statement for many messages). These
 * bursts put many sends from several sockets into one turn of the server's event loop.
 */
describe.each(backends)('bursts of sends on $name', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '100000' } });
  });
  afterAll(async () => parley?.close());

  const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

  async function pairWithSockets() {
    const buyer = unique('buyer');
    const seller = unique('seller');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    return { conversationId, buyer, seller, buyerSocket: await parley.connect(buyer, 'buyer'), sellerSocket: await parley.connect(seller, 'seller') };
  }

  const sendFrame = (socket: TestSocket, conversationId: string, clientMessageId: string, content: string) =>
    socket.send({ type: 'message.send', conversationId, clientMessageId, content });

  const answerTo = (socket: TestSocket, clientMessageId: string) =>
    socket.next((e) => (e.type === 'message.ack' || e.type === 'error') && e.clientMessageId === clientMessageId, 10_000);

  async function storedSeqs(conversationId: string): Promise<number[]> {
    const rows = await parley.db.selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).orderBy('seq').execute();
    return rows.map((r) => Number(r.seq));
  }

  it('numbers each conversation gaplessly, counts unread per message and refuses a stranger, all in one burst', async () => {
    const pairs = await Promise.all([pairWithSockets(), pairWithSockets(), pairWithSockets()]);
    const stranger = await parley.connect(unique('stranger'), 'buyer');
    const sent: { socket: TestSocket; id: string }[] = [];
    // Interleaved: buyer, seller, buyer, ... in every conversation, written without waiting.
    for (let i = 0; i < 5; i++) {
      for (const p of pairs) {
        for (const [socket, who] of [
          [p.buyerSocket, 'buyer'],
          [p.sellerSocket, 'seller'],
        ] as const) {
          const id = `${who}-${i}-${randomUUID()}`;
          sendFrame(socket, p.conversationId, id, `${who} says ${i}`);
          sent.push({ socket, id });
        }
      }
    }
    const intruder = `intruder-${randomUUID()}`;
    sendFrame(stranger, pairs[0]!.conversationId, intruder, 'let me in');

    const answers = await Promise.all(sent.map(({ socket, id }) => answerTo(socket, id)));
    expect(answers.every((a) => a.type === 'message.ack' && a.created === true)).toBe(true);
    expect(await answerTo(stranger, intruder)).toMatchObject({ type: 'error', code: 'conversation_not_found' });

    for (const p of pairs) {
      expect(await storedSeqs(p.conversationId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // Each side was told its unread count after every message from the other side: 1..5, in order.
      for (const [socket, other] of [
        [p.buyerSocket, p.seller],
        [p.sellerSocket, p.buyer],
      ] as const) {
        await socket.next((e) => e.type === 'message.created' && e.message.conversationId === p.conversationId && e.unreadCount === 5);
        const created = socket.events.filter((e) => e.type === 'message.created' && e.message.conversationId === p.conversationId);
        expect(created.map((e) => e.message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(created.filter((e) => e.message.senderId === other)).toHaveLength(5);
        // The count comes with each message from the other side; the sender's own copies carry none.
        const unread = created.filter((e) => e.message.senderId === other).map((e) => e.unreadCount);
        expect(unread).toEqual([1, 2, 3, 4, 5]);
        expect(created.filter((e) => e.message.senderId !== other).every((e) => e.unreadCount === undefined)).toBe(true);
      }
      const counts = await parley.db
        .selectFrom('conversation_participants')
        .select(['user_id', 'unread_count'])
        .where('conversation_id', '=', p.conversationId)
        .execute();
      expect(counts.map((c) => c.unread_count)).toEqual([5, 5]);
    }
  });

  it('stores a clientMessageId sent twice in one burst once, and the rest of the burst as usual', async () => {
    const p = await pairWithSockets();
    const twice = `twice-${randomUUID()}`;
    const others = [0, 1, 2].map((i) => `other-${i}-${randomUUID()}`);
    sendFrame(p.buyerSocket, p.conversationId, others[0]!, 'first');
    sendFrame(p.buyerSocket, p.conversationId, twice, 'sent twice');
    sendFrame(p.buyerSocket, p.conversationId, twice, 'sent twice');
    sendFrame(p.sellerSocket, p.conversationId, others[1]!, 'from the seller');
    sendFrame(p.buyerSocket, p.conversationId, others[2]!, 'last');

    for (const id of others) expect(await answerTo(id === others[1] ? p.sellerSocket : p.buyerSocket, id)).toMatchObject({ type: 'message.ack', created: true });
    await p.buyerSocket.next((e) => e.type === 'message.ack' && e.clientMessageId === twice && e.created === false, 10_000);
    const acks = p.buyerSocket.events.filter((e) => e.type === 'message.ack' && e.clientMessageId === twice);
    expect(acks.map((a) => a.created).sort()).toEqual([false, true]);
    expect(acks[0].message.messageId).toBe(acks[1].message.messageId);
    expect(await storedSeqs(p.conversationId)).toEqual([1, 2, 3, 4]);
  });
});
