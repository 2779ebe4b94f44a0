import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realServices } from './support/backends.ts';
import {
  apiKey,
  closeSocket,
  eventually,
  freshDatabase,
  jwtSecret,
  type ParleyProcess,
  receivedSeqs,
  roundTrip,
  startParleyProcess,
  type TestDatabase,
  type TestSocket,
} from './support/parley.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Two Parley OS processes on one PostgreSQL database and one Redis: what a client on one node sees of the other. */
describe.runIf(realServices)('two Parley processes on one PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let a: ParleyProcess;
  let b: ParleyProcess;
  const opened: TestSocket[] = [];
  let counter = 0;
  const user = (name: string) => `${name}-${++counter}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await freshDatabase(realServices!);
    const env = {
      DATABASE_URL: database.databaseUrl!,
      REDIS_URL: realServices!.redisUrl!,
      PARLEY_API_KEYS: apiKey,
      PARLEY_JWT_SECRET: jwtSecret,
      PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
      PARLEY_REDIS_PREFIX: `parley-multi-${process.pid}-${randomUUID().slice(0, 8)}`,
      PARLEY_SEND_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
    };
    const started = await Promise.allSettled([startParleyProcess(env), startParleyProcess(env)]);
    // Keep whichever started, so afterAll stops it even when the other failed.
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [ParleyProcess, ParleyProcess];
    for (const s of started) if (s.status === 'rejected') throw s.reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(opened.splice(0).map(closeSocket));
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.handle.close();
    await database?.drop();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(opened.splice(0).map(closeSocket));
  });

  async function connect(node: ParleyProcess, userId: string, role: 'buyer' | 'seller' = 'buyer'): Promise<TestSocket> {
    const socket = await node.connect(userId, role);
    opened.push(socket);
    return socket;
  }

  /** A buyer and a seller in a fresh order conversation, created through node A. */
  async function pair() {
    const buyer = user('buyer');
    const seller = user('seller');
    const { status, body } = await a.request('POST', '/conversations', {
      body: {
        conversationType: 'order',
        orderId: `order-${randomUUID()}`,
        participants: [
          { userId: buyer, role: 'buyer' },
          { userId: seller, role: 'seller' },
        ],
      },
    });
    expect(status).toBe(201);
    return { buyer, seller, conversationId: body.conversationId as string };
  }

  async function send(node: ParleyProcess, conversationId: string, as: string, content: string) {
    const { status, body } = await node.request('POST', `/conversations/${conversationId}/messages`, { as, body: { content } });
    expect(status).toBe(201);
    return body as { messageId: string; seq: number };
  }

  const online = async (node: ParleyProcess, conversationId: string, asUser: string, userId: string) => {
    const { body } = await node.request('GET', `/conversations/${conversationId}`, { as: asUser });
    return body.participants.find((p: { userId: string }) => p.userId === userId).online as boolean;
  };

  it('both processes are ready on the same database and Redis', async () => {
    expect(a.pid).not.toBe(b.pid);
    for (const node of [a, b]) {
      const { status, body } = await node.request('GET', '/ready');
      expect(status).toBe(200);
      expect(body.checks).toEqual({ database: 'ok', migrations: 'ok', redis: 'ok' });
    }
  });

  it('a message sent over REST through A reaches a client on B, already readable there', async () => {
    const { buyer, seller, conversationId } = await pair();
    const sellerOnB = await connect(b, seller, 'seller');
    const buyerOnA = await connect(a, buyer);
    const sent = await send(a, conversationId, buyer, 'Hello from node A');

    const event = await sellerOnB.next((e) => e.type === 'message.created' && e.message.messageId === sent.messageId);
    expect(event.message).toMatchObject({ conversationId, seq: 1, senderId: buyer, content: 'Hello from node A' });
    const onB = await b.request('GET', `/conversations/${conversationId}/messages`, { as: seller, role: 'seller' });
    expect(onB.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual([sent.messageId]);
    await buyerOnA.next((e) => e.type === 'message.created' && e.message.messageId === sent.messageId);
    expect(event.unreadCount).toBe(1);
  });

  it('a message sent over a socket on A reaches the recipient and the sender’s other socket on B', async () => {
    const { buyer, seller, conversationId } = await pair();
    const buyerOnA = await connect(a, buyer);
    const buyerOnB = await connect(b, buyer);
    const sellerOnB = await connect(b, seller, 'seller');
    buyerOnA.send({ type: 'message.send', conversationId, clientMessageId: 'from-a', content: 'Sent over the socket on A' });
    const ack = await buyerOnA.next((e) => e.type === 'message.ack');
    expect(ack).toMatchObject({ clientMessageId: 'from-a', created: true, message: { seq: 1 } });
    for (const socket of [sellerOnB, buyerOnB]) {
      const event = await socket.next((e) => e.type === 'message.created');
      expect(event.message).toMatchObject({ messageId: ack.message.messageId, content: 'Sent over the socket on A', clientMessageId: 'from-a' });
    }

    // A retry through the other node is stored once.
    buyerOnB.send({ type: 'message.send', conversationId, clientMessageId: 'from-a', content: 'Sent over the socket on A' });
    expect(await buyerOnB.next((e) => e.type === 'message.ack')).toMatchObject({ created: false, message: { messageId: ack.message.messageId } });
    const rows = await database.handle.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute();
    expect(rows).toHaveLength(1);
  });

  it('read and delivered receipts cross nodes', async () => {
    const { buyer, seller, conversationId } = await pair();
    const buyerOnA = await connect(a, buyer);
    const sellerOnB = await connect(b, seller, 'seller');
    const sent = await send(a, conversationId, buyer, 'Did it arrive?');
    await sellerOnB.next((e) => e.type === 'message.created' && e.message.seq === sent.seq);
    expect(await buyerOnA.next((e) => e.type === 'receipt' && e.userId === seller && e.lastDeliveredSeq === sent.seq)).toMatchObject({
      conversationId,
      lastReadSeq: 0,
    });

    sellerOnB.send({ type: 'read', conversationId });
    expect(await buyerOnA.next((e) => e.type === 'receipt' && e.userId === seller && e.lastReadSeq === sent.seq)).toMatchObject({
      conversationId,
      userId: seller,
      lastReadSeq: sent.seq,
    });
  });

  it('typing crosses nodes and is not echoed', async () => {
    const { buyer, seller, conversationId } = await pair();
    const buyerOnA = await connect(a, buyer);
    const buyerOnB = await connect(b, buyer);
    const sellerOnB = await connect(b, seller, 'seller');
    buyerOnA.send({ type: 'typing', conversationId });
    expect(await sellerOnB.next((e) => e.type === 'typing')).toEqual({ type: 'typing', conversationId, userId: buyer });
    await Promise.all([roundTrip(buyerOnA), roundTrip(buyerOnB)]);
    expect(buyerOnA.events.filter((e) => e.type === 'typing')).toEqual([]);
    expect(buyerOnB.events.filter((e) => e.type === 'typing')).toEqual([]);
  });

  it('presence: a user online on A is online on B, and goes offline on both when the last socket closes', async () => {
    const { buyer, seller, conversationId } = await pair();
    const buyerOnB = await connect(b, buyer);
    expect(await online(b, conversationId, buyer, seller)).toBe(false);

    const sellerOnA = await connect(a, seller, 'seller');
    expect(await buyerOnB.next((e) => e.type === 'presence' && e.userId === seller)).toEqual({ type: 'presence', userId: seller, online: true });
    expect(await online(b, conversationId, buyer, seller)).toBe(true);
    expect(await online(a, conversationId, buyer, seller)).toBe(true);

    // Connected to both nodes: leaving one keeps the user online everywhere.
    const sellerOnB = await connect(b, seller, 'seller');
    await closeSocket(sellerOnA);
    await eventually(async () => (await online(a, conversationId, buyer, seller)) === true, 'the seller online on A through B');
    expect(await online(b, conversationId, buyer, seller)).toBe(true);

    await closeSocket(sellerOnB);
    await buyerOnB.next((e) => e.type === 'presence' && e.userId === seller && e.online === false);
    await eventually(async () => !(await online(a, conversationId, buyer, seller)) && !(await online(b, conversationId, buyer, seller)), 'the seller offline on both');
  });

  it('messages sent concurrently through both nodes reach a socket once each, in order', async () => {
    const { buyer, seller, conversationId } = await pair();
    const sellerOnB = await connect(b, seller, 'seller');
    sellerOnB.send({ type: 'resume', cursors: { [conversationId]: 0 } });
    await sellerOnB.next((e) => e.type === 'resumed');
    const sellerOnA = await connect(a, seller, 'seller');
    sellerOnA.send({ type: 'resume', cursors: { [conversationId]: 0 } });
    await sellerOnA.next((e) => e.type === 'resumed');

    await Promise.all(range(1, 60).map((i) => send(i % 2 ? a : b, conversationId, buyer, `m${i}`)));
    for (const socket of [sellerOnA, sellerOnB]) {
      await eventually(() => receivedSeqs(socket, conversationId).includes(60), 'the last message');
      await roundTrip(socket);
      expect(receivedSeqs(socket, conversationId)).toEqual(range(1, 60));
    }
  });

  it('a client that moves from A to B resumes without gaps or duplicates', async () => {
    const { buyer, seller, conversationId } = await pair();
    const sellerOnA = await connect(a, seller, 'seller');
    for (let i = 1; i <= 3; i++) await send(a, conversationId, buyer, `m${i}`);
    await eventually(() => receivedSeqs(sellerOnA, conversationId).length === 3, 'messages 1..3');
    await closeSocket(sellerOnA);
    for (let i = 4; i <= 8; i++) await send(i % 2 ? a : b, conversationId, buyer, `m${i}`);

    const sellerOnB = await connect(b, seller, 'seller');
    sellerOnB.send({ type: 'resume', cursors: { [conversationId]: 3 } });
    await sellerOnB.next((e) => e.type === 'resumed');
    expect(receivedSeqs(sellerOnB, conversationId)).toEqual([4, 5, 6, 7, 8]);
    await send(a, conversationId, buyer, 'm9');
    await eventually(() => receivedSeqs(sellerOnB, conversationId).includes(9), 'the live message');
    expect(receivedSeqs(sellerOnB, conversationId)).toEqual([4, 5, 6, 7, 8, 9]);
  });
});
