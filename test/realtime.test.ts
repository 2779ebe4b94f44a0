import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import {
  closeSocket,
  eventually,
  openSocket,
  orderConversation,
  receivedSeqs,
  refusedUpgrade,
  roundTrip,
  sendMessage,
  startParley,
  type TestParley,
  type TestSocket,
  userToken,
} from './support/parley.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each(backends)('real time on $name', (backend) => {
  let parley: TestParley;
  const opened: TestSocket[] = [];
  let counter = 0;
  /** A user id no other test uses, so events of one test never reach another. */
  const user = (name: string) => `${name}-${++counter}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // Many messages per user here; the send rate limit is not what these tests are about.
    parley = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '100000' } });
  });
  afterAll(async () => parley?.close());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(closeSocket));
  });

  async function open(userId: string, role: 'buyer' | 'seller' = 'buyer', via: 'header' | 'query' = 'header'): Promise<TestSocket> {
    const socket = await openSocket(parley.wsUrl, await parley.token(userId, role), via);
    opened.push(socket);
    return socket;
  }

  /** A buyer and a seller in a fresh order conversation. */
  async function pair() {
    const buyer = user('buyer');
    const seller = user('seller');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    return { buyer, seller, conversationId };
  }

  async function send(conversationId: string, as: string, content: string) {
    const response = await sendMessage(parley, conversationId, content, { as });
    expect(response.status).toBe(201);
    return response.body as { messageId: string; seq: number };
  }

  const ofType = (socket: TestSocket, type: string, conversationId?: string) =>
    socket.events.filter((e) => e.type === type && (conversationId === undefined || e.conversationId === conversationId || e.message?.conversationId === conversationId));

  describe('authentication', () => {
    it('accepts the JWT in the Authorization header', async () => {
      const ann = user('ann');
      const socket = await open(ann, 'buyer', 'header');
      expect(socket.events[0]).toEqual({ type: 'ready', userId: ann });
    });

    it('accepts the JWT in the token query parameter, and the socket works', async () => {
      const { buyer, seller, conversationId } = await pair();
      const socket = await open(seller, 'seller', 'query');
      expect(socket.events[0]).toEqual({ type: 'ready', userId: seller });
      await send(conversationId, buyer, 'hello over a query-token socket');
      const event = await socket.next((e) => e.type === 'message.created');
      expect(event.message).toMatchObject({ conversationId, senderId: buyer, content: 'hello over a query-token socket' });
    });

    it('refuses the upgrade with 401 without a token', async () => {
      const refused = await refusedUpgrade(parley.wsUrl);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('missing_credentials');
    });

    it('refuses the upgrade with 401 for a forged token, in the header and in the query', async () => {
      const forged = await userToken(user('mallory'), 'buyer', { secret: 'another-secret-0123456789abcdef0123456789' });
      const viaHeader = await refusedUpgrade(parley.wsUrl, { authorization: `Bearer ${forged}` });
      expect(viaHeader.status).toBe(401);
      expect(viaHeader.body.error.code).toBe('invalid_token');
      const viaQuery = await refusedUpgrade(`${parley.wsUrl}?token=${encodeURIComponent(forged)}`);
      expect(viaQuery.status).toBe(401);
      expect(viaQuery.body.error.code).toBe('invalid_token');
      const garbage = await refusedUpgrade(`${parley.wsUrl}?token=not-a-token`);
      expect(garbage.status).toBe(401);
    });

    it('refuses the upgrade with 401 for an expired token', async () => {
      const expired = await parley.token(user('late'), 'buyer', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
      const viaHeader = await refusedUpgrade(parley.wsUrl, { authorization: `Bearer ${expired}` });
      expect(viaHeader.status).toBe(401);
      expect(viaHeader.body.error.code).toBe('token_expired');
      const viaQuery = await refusedUpgrade(`${parley.wsUrl}?token=${encodeURIComponent(expired)}`);
      expect(viaQuery.status).toBe(401);
      expect(viaQuery.body.error.code).toBe('token_expired');
    });
  });

  describe('events', () => {
    it('message.created reaches every participant socket, the sender’s other socket included, and no one else', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerPhone = await open(buyer);
      const buyerLaptop = await open(buyer);
      const sellerSocket = await open(seller, 'seller');
      const outsider = await open(user('outsider'));

      buyerPhone.send({ type: 'message.send', conversationId, clientMessageId: 'first', content: 'Is it still available?' });
      const ack = await buyerPhone.next((e) => e.type === 'message.ack');
      for (const socket of [buyerPhone, buyerLaptop, sellerSocket]) {
        const event = await socket.next((e) => e.type === 'message.created' && e.message.messageId === ack.message.messageId);
        expect(event.message).toMatchObject({ conversationId, seq: 1, senderId: buyer, content: 'Is it still available?', clientMessageId: 'first' });
      }
      await roundTrip(outsider);
      expect(ofType(outsider, 'message.created')).toEqual([]);
    });

    it('message.updated and message.deleted follow edits and deletions', async () => {
      const { buyer, seller, conversationId } = await pair();
      const sellerSocket = await open(seller, 'seller');
      const sent = await send(conversationId, buyer, 'Hello, is the size M?');

      const edited = await parley.request('PATCH', `/conversations/${conversationId}/messages/${sent.messageId}`, { as: buyer, body: { content: 'Hello, is the size L?' } });
      expect(edited.status).toBe(200);
      const updated = await sellerSocket.next((e) => e.type === 'message.updated');
      expect(updated.message).toMatchObject({ messageId: sent.messageId, seq: sent.seq, content: 'Hello, is the size L?' });
      expect(updated.message.editedAt).toEqual(expect.any(String));

      const removed = await parley.request('DELETE', `/conversations/${conversationId}/messages/${sent.messageId}`, { as: buyer });
      expect(removed.status).toBe(200);
      const deleted = await sellerSocket.next((e) => e.type === 'message.deleted');
      expect(deleted.message).toMatchObject({ messageId: sent.messageId, seq: sent.seq, content: null, status: 'deleted' });
      expect(deleted.message.deletedAt).toEqual(expect.any(String));
    });

    it('read receipts reach the other side, whether read over REST or with a socket frame', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerSocket = await open(buyer);
      const sellerSocket = await open(seller, 'seller');
      await send(conversationId, buyer, 'one');
      await send(conversationId, buyer, 'two');

      const read = await parley.request('POST', `/conversations/${conversationId}/read`, { as: seller, role: 'seller', body: { seq: 1 } });
      expect(read.status).toBe(200);
      const first = await buyerSocket.next((e) => e.type === 'receipt' && e.userId === seller && e.lastReadSeq === 1);
      expect(first).toMatchObject({ conversationId, userId: seller, lastReadSeq: 1 });

      sellerSocket.send({ type: 'read', conversationId });
      const second = await buyerSocket.next((e) => e.type === 'receipt' && e.userId === seller && e.lastReadSeq === 2);
      expect(second).toMatchObject({ conversationId, userId: seller, lastReadSeq: 2, lastDeliveredSeq: 2 });

      const list = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer });
      expect(list.body.messages.map((m: { status: string; readBy: string[] }) => [m.status, m.readBy])).toEqual([
        ['read', [seller]],
        ['read', [seller]],
      ]);
    });

    it('a delivered receipt follows once the recipient socket has received the message', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerSocket = await open(buyer);
      const sellerSocket = await open(seller, 'seller');
      const sent = await send(conversationId, buyer, 'Shipped today');
      await sellerSocket.next((e) => e.type === 'message.created' && e.message.seq === sent.seq);

      const receipt = await buyerSocket.next((e) => e.type === 'receipt' && e.userId === seller && e.lastDeliveredSeq === sent.seq);
      expect(receipt).toMatchObject({ conversationId, userId: seller, lastDeliveredSeq: sent.seq, lastReadSeq: 0 });
      const list = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer });
      expect(list.body.messages[0]).toMatchObject({ seq: sent.seq, status: 'delivered', readBy: [] });
    });

    it('typing goes to the others only, never echoed, and a second typing frame right away is not forwarded', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerPhone = await open(buyer);
      const buyerLaptop = await open(buyer);
      const sellerSocket = await open(seller, 'seller');

      buyerPhone.send({ type: 'typing', conversationId });
      const typing = await sellerSocket.next((e) => e.type === 'typing');
      expect(typing).toEqual({ type: 'typing', conversationId, userId: buyer });

      buyerPhone.send({ type: 'typing', conversationId });
      buyerLaptop.send({ type: 'typing', conversationId });
      // Work that starts after the repeated typing frames and reaches the seller later than a forwarded typing would.
      buyerPhone.send({ type: 'message.send', conversationId, clientMessageId: 'after-typing', content: 'Here is the answer' });
      await sellerSocket.next((e) => e.type === 'message.created' && e.message.clientMessageId === 'after-typing');
      await Promise.all([roundTrip(sellerSocket), roundTrip(buyerPhone), roundTrip(buyerLaptop)]);

      expect(ofType(sellerSocket, 'typing')).toHaveLength(1);
      expect(ofType(buyerPhone, 'typing')).toEqual([]);
      expect(ofType(buyerLaptop, 'typing')).toEqual([]);

      // The seller's own typing is not throttled by the buyer's.
      sellerSocket.send({ type: 'typing', conversationId });
      expect(await buyerLaptop.next((e) => e.type === 'typing')).toEqual({ type: 'typing', conversationId, userId: seller });
    });

    it('typing in a conversation one is not part of is refused and reaches no one', async () => {
      const { buyer, conversationId } = await pair();
      const buyerSocket = await open(buyer);
      const outsider = await open(user('outsider'));
      outsider.send({ type: 'typing', conversationId });
      const error = await outsider.next((e) => e.type === 'error');
      expect(error).toMatchObject({ code: 'conversation_not_found', conversationId });
      await roundTrip(buyerSocket);
      expect(ofType(buyerSocket, 'typing')).toEqual([]);
    });

    it('presence: a peer sees the other come online and go offline, and GET /conversations/:id agrees', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerSocket = await open(buyer);
      const online = async (userId: string) => {
        const { body } = await parley.request('GET', `/conversations/${conversationId}`, { as: buyer });
        return body.participants.find((p: { userId: string }) => p.userId === userId).online as boolean;
      };
      expect(await online(seller)).toBe(false);
      expect(await online(buyer)).toBe(true);

      const sellerPhone = await open(seller, 'seller');
      expect(await buyerSocket.next((e) => e.type === 'presence' && e.userId === seller)).toEqual({ type: 'presence', userId: seller, online: true });
      expect(await online(seller)).toBe(true);
      // The buyer was online first: the seller is not told about their own arrival.
      await roundTrip(sellerPhone);
      expect(ofType(sellerPhone, 'presence').filter((e) => e.userId === seller)).toEqual([]);

      // A second socket of the same user changes nothing; closing one of two keeps them online.
      const sellerLaptop = await open(seller, 'seller');
      await closeSocket(sellerLaptop);
      expect(await online(seller)).toBe(true);

      await closeSocket(sellerPhone);
      expect(await buyerSocket.next((e) => e.type === 'presence' && e.userId === seller && e.online === false)).toEqual({
        type: 'presence',
        userId: seller,
        online: false,
      });
      expect(await online(seller)).toBe(false);
      expect(ofType(buyerSocket, 'presence').filter((e) => e.userId === seller)).toEqual([
        { type: 'presence', userId: seller, online: true },
        { type: 'presence', userId: seller, online: false },
      ]);
    });

    it('a new message carries the recipient’s unread count in the same frame; the sender gets none; reading sends an unread event', async () => {
      const { buyer, seller, conversationId } = await pair();
      const buyerSocket = await open(buyer);
      const sellerSocket = await open(seller, 'seller');
      await send(conversationId, buyer, 'one');
      await send(conversationId, buyer, 'two');
      await sellerSocket.next((e) => e.type === 'message.created' && e.unreadCount === 2);
      expect(ofType(sellerSocket, 'message.created').map((e) => [e.message.seq, e.unreadCount])).toEqual([
        [1, 1],
        [2, 2],
      ]);
      sellerSocket.send({ type: 'read', conversationId });
      expect(await sellerSocket.next((e) => e.type === 'unread' && e.unreadCount === 0)).toEqual({ type: 'unread', conversationId, unreadCount: 0 });
      await roundTrip(buyerSocket);
      expect(ofType(buyerSocket, 'unread')).toEqual([]);
      expect(ofType(buyerSocket, 'message.created').every((e) => !('unreadCount' in e))).toBe(true);
      // One frame per new message to the recipient: no separate unread event.
      expect(ofType(sellerSocket, 'unread', conversationId)).toEqual([{ type: 'unread', conversationId, unreadCount: 0 }]);
    });
  });

  describe('sending over the socket', () => {
    it('acknowledges a sent message, and a retried clientMessageId is stored once, even after reconnecting', async () => {
      const { buyer, seller, conversationId } = await pair();
      const sellerSocket = await open(seller, 'seller');
      let buyerSocket = await open(buyer);
      const clientMessageId = `cm-${randomUUID()}`;
      const acks = (socket: TestSocket) => socket.events.filter((e) => e.type === 'message.ack' && e.clientMessageId === clientMessageId);

      buyerSocket.send({ type: 'message.send', conversationId, clientMessageId, content: 'Only once, please' });
      await eventually(() => acks(buyerSocket).length === 1, 'the first ack');
      const [first] = acks(buyerSocket);
      expect(first).toMatchObject({ type: 'message.ack', clientMessageId, created: true, message: { conversationId, seq: 1, senderId: buyer, content: 'Only once, please' } });

      buyerSocket.send({ type: 'message.send', conversationId, clientMessageId, content: 'Only once, please' });
      await eventually(() => acks(buyerSocket).length === 2, 'the second ack');
      expect(acks(buyerSocket)[1]).toMatchObject({ created: false, message: { messageId: first.message.messageId, seq: 1 } });

      await closeSocket(buyerSocket);
      buyerSocket = await open(buyer);
      buyerSocket.send({ type: 'message.send', conversationId, clientMessageId, content: 'Only once, please' });
      await eventually(() => acks(buyerSocket).length === 1, 'the ack after reconnecting');
      expect(acks(buyerSocket)[0]).toMatchObject({ created: false, message: { messageId: first.message.messageId, seq: 1 } });

      // Two retries racing each other.
      const racing = `cm-${randomUUID()}`;
      buyerSocket.send({ type: 'message.send', conversationId, clientMessageId: racing, content: 'Racing' });
      buyerSocket.send({ type: 'message.send', conversationId, clientMessageId: racing, content: 'Racing' });
      await eventually(() => buyerSocket.events.filter((e) => e.type === 'message.ack' && e.clientMessageId === racing).length === 2, 'both racing acks');
      const racingAcks = buyerSocket.events.filter((e) => e.type === 'message.ack' && e.clientMessageId === racing);
      expect(racingAcks.map((a) => a.created).sort()).toEqual([false, true]);
      expect(racingAcks[0].message.messageId).toBe(racingAcks[1].message.messageId);

      const rows = await parley.db.selectFrom('messages').select(['client_message_id', 'seq']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
      expect(rows.map((r) => [r.client_message_id, Number(r.seq)])).toEqual([
        [clientMessageId, 1],
        [racing, 2],
      ]);
      await roundTrip(sellerSocket);
      expect(receivedSeqs(sellerSocket, conversationId)).toEqual([1, 2]);
    });

    it('a refused send is answered with an error naming the clientMessageId, and nothing is stored', async () => {
      const { conversationId } = await pair();
      const outsider = await open(user('outsider'));
      outsider.send({ type: 'message.send', conversationId, clientMessageId: 'not-mine', content: 'Let me in' });
      expect(await outsider.next((e) => e.type === 'error')).toMatchObject({ code: 'conversation_not_found', clientMessageId: 'not-mine' });
      outsider.send({ type: 'message.send', conversationId, clientMessageId: 'bad', content: 42 });
      expect(await outsider.next((e) => e.type === 'error' && e.clientMessageId === 'bad')).toMatchObject({ code: 'invalid_frame' });
      const rows = await parley.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute();
      expect(rows).toEqual([]);
    });
  });

  describe('resume', () => {
    /** The seller's socket sees 1..3, then goes away while `away` more messages are sent. */
    async function sellerWentAway(away: number) {
      const { buyer, seller, conversationId } = await pair();
      const before = await open(seller, 'seller');
      before.send({ type: 'resume', cursors: { [conversationId]: 0 } });
      await before.next((e) => e.type === 'resumed');
      for (let i = 1; i <= 3; i++) await send(conversationId, buyer, `m${i}`);
      await eventually(() => receivedSeqs(before, conversationId).length === 3, 'messages 1..3');
      expect(receivedSeqs(before, conversationId)).toEqual([1, 2, 3]);
      await closeSocket(before);
      for (let i = 4; i < 4 + away; i++) await send(conversationId, buyer, `m${i}`);
      return { buyer, seller, conversationId };
    }

    it('replays exactly what was missed, in order, then "resumed", then live messages continue', async () => {
      const { buyer, seller, conversationId } = await sellerWentAway(5);
      const socket = await open(seller, 'seller');
      socket.send({ type: 'resume', cursors: { [conversationId]: 3 } });
      const resumed = await socket.next((e) => e.type === 'resumed');
      expect(resumed).toEqual({ type: 'resumed', conversations: [conversationId], truncated: [], unknown: [] });
      expect(receivedSeqs(socket, conversationId)).toEqual([4, 5, 6, 7, 8]);
      const replayed = ofType(socket, 'message.created');
      expect(replayed.map((e) => e.message.content)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
      expect(socket.events.indexOf(resumed)).toBeGreaterThan(socket.events.indexOf(replayed.at(-1)));

      await send(conversationId, buyer, 'm9');
      await send(conversationId, buyer, 'm10');
      await eventually(() => receivedSeqs(socket, conversationId).length === 7, 'live messages 9 and 10');
      await roundTrip(socket);
      expect(receivedSeqs(socket, conversationId)).toEqual(range(4, 10));
    });

    it('has no gaps or duplicates while messages are sent concurrently during the resume', async () => {
      const { buyer, seller, conversationId } = await sellerWentAway(17); // 4..20 missed
      const socket = await open(seller, 'seller');
      socket.send({ type: 'resume', cursors: { [conversationId]: 3 } });
      const sent = await Promise.all(range(21, 60).map((i) => send(conversationId, buyer, `m${i}`)));
      expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(21, 60));
      await eventually(() => receivedSeqs(socket, conversationId).includes(60), 'the last message');
      await roundTrip(socket);
      expect(receivedSeqs(socket, conversationId)).toEqual(range(4, 60));
      // Everything that was stored before the resume was replayed before "resumed".
      const resumedAt = socket.events.findIndex((e) => e.type === 'resumed');
      const replayed = socket.events.slice(0, resumedAt).filter((e) => e.type === 'message.created').map((e) => e.message.seq);
      expect(replayed.slice(0, 17)).toEqual(range(4, 20));
    });

    it('has no gaps or duplicates when messages keep arriving while the client reconnects', async () => {
      const { buyer, seller, conversationId } = await sellerWentAway(5); // 4..8 missed
      let sending = true;
      let last = 8;
      const sender = (async () => {
        while (sending) last = (await send(conversationId, buyer, 'while reconnecting')).seq;
      })();
      try {
        await eventually(() => last >= 10, 'messages sent while away');
        const socket = await open(seller, 'seller');
        // Live messages reach the socket before the client's resume frame does.
        await socket.next((e) => e.type === 'message.created');
        socket.send({ type: 'resume', cursors: { [conversationId]: 3 } });
        await socket.next((e) => e.type === 'resumed');
        const mark = last;
        await eventually(() => last >= mark + 5, 'live messages after the resume');
        sending = false;
        await sender;
        await eventually(() => receivedSeqs(socket, conversationId).includes(last), 'the last message');
        await roundTrip(socket);
        const seqs = receivedSeqs(socket, conversationId);
        expect([...seqs].sort((a, b) => a - b)).toEqual(range(4, last));
        // Everything after the first live message arrived in order.
        const firstLive = seqs[0]!;
        expect(seqs.filter((seq) => seq >= firstLive)).toEqual(range(firstLive, last));
      } finally {
        sending = false;
        await sender;
      }
    });

    it('replays more than one page', async () => {
      const { buyer, seller, conversationId } = await sellerWentAway(0);
      await Promise.all(range(4, 253).map((i) => sendMessage(parley, conversationId, `m${i}`, { as: buyer }))); // more than a replay page
      const socket = await open(seller, 'seller');
      socket.send({ type: 'resume', cursors: { [conversationId]: 3 } });
      await socket.next((e) => e.type === 'resumed', 20_000);
      expect(receivedSeqs(socket, conversationId)).toEqual(range(4, 253));
    });

    it('names the conversations it cannot resume', async () => {
      const { seller, conversationId } = await pair();
      const notMine = (await pair()).conversationId;
      const socket = await open(seller, 'seller');
      socket.send({ type: 'resume', cursors: { [conversationId]: 0, [notMine]: 0, 'not-a-uuid': 0 } });
      expect(await socket.next((e) => e.type === 'resumed')).toEqual({
        type: 'resumed',
        conversations: [conversationId],
        truncated: [],
        unknown: [notMine, 'not-a-uuid'],
      });
    });
  });

  it('a socket that resumed from the start receives concurrently sent messages once each, in order', async () => {
    const { buyer, seller, conversationId } = await pair();
    const socket = await open(seller, 'seller');
    socket.send({ type: 'resume', cursors: { [conversationId]: 0 } });
    await socket.next((e) => e.type === 'resumed');
    await Promise.all(range(1, 50).map((i) => send(conversationId, buyer, `m${i}`)));
    await eventually(() => receivedSeqs(socket, conversationId).includes(50), 'the last message');
    await roundTrip(socket);
    expect(receivedSeqs(socket, conversationId)).toEqual(range(1, 50));
  });

  it('a message is committed before it is fanned out', async () => {
    const { buyer, seller, conversationId } = await pair();
    const socket = await open(seller, 'seller');
    const token = await parley.token(seller, 'seller');
    const checks: Promise<boolean>[] = [];
    // Read each message back the moment its event arrives, before anything else happens.
    socket.ws.on('message', (data) => {
      const event = JSON.parse(data.toString());
      if (event.type !== 'message.created') return;
      checks.push(
        fetch(`${parley.url}/conversations/${conversationId}/messages?after=${event.message.seq - 1}&limit=1`, { headers: { authorization: `Bearer ${token}` } })
          .then((r) => r.json() as Promise<{ messages: { messageId: string }[] }>)
          .then((body) => body.messages[0]?.messageId === event.message.messageId),
      );
    });
    await Promise.all(range(1, 20).map((i) => send(conversationId, buyer, `m${i}`)));
    await eventually(() => checks.length === 20, 'twenty message events');
    expect(await Promise.all(checks)).toEqual(Array(20).fill(true));
  });
});
