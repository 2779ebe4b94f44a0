import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realServices } from './support/backends.ts';
import { type Sink, startSink } from './support/fakes/sink.ts';
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
const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;

/** The sum of one counter's samples in a node's /metrics, over every label set. */
async function metricSum(node: ParleyProcess, name: string): Promise<number> {
  const res = await fetch(`${node.url}/metrics`);
  const text = await res.text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** Sends a user may make per minute in this file: enough for every test, small enough to exhaust in one. */
const SEND_LIMIT = 100;

/**
 * Four Parley OS processes on one PostgreSQL database and one Redis, as a deployment runs them:
 * two API nodes (A and B, `PARLEY_ROLES=api`) that clients spread over, and two workers
 * (`PARLEY_ROLES=worker`) that share the notification queue. What a client on one node sees of
 * the other, and what the workers make of notifications accepted on either.
 */
describe.runIf(realServices)('two API nodes and two workers on one PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let a: ParleyProcess;
  let b: ParleyProcess;
  let workers: ParleyProcess[] = [];
  let sink: Sink;
  const opened: TestSocket[] = [];
  let counter = 0;
  const user = (name: string) => `${name}-${++counter}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await freshDatabase(realServices!);
    sink = await startSink();
    const env = {
      DATABASE_URL: database.databaseUrl!,
      REDIS_URL: realServices!.redisUrl!,
      PARLEY_API_KEYS: apiKey,
      PARLEY_JWT_SECRET: jwtSecret,
      PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
      PARLEY_REDIS_PREFIX: `parley-multi-${process.pid}-${randomUUID().slice(0, 8)}`,
      PARLEY_SEND_RATE_LIMIT: String(SEND_LIMIT),
      PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', name: 'sink', url: sink.url, secret: webhookSecret }] }),
      LOG_LEVEL: 'warn',
    };
    const worker = { PARLEY_ROLES: 'worker', PARLEY_WORKER_BATCH: '25', PARLEY_WORKER_IN_FLIGHT: '50' };
    const started = await Promise.allSettled([
      startParleyProcess({ ...env, PARLEY_ROLES: 'api' }, { readyTimeoutMs: 90_000 }),
      startParleyProcess({ ...env, PARLEY_ROLES: 'api' }, { readyTimeoutMs: 90_000 }),
      // Small claims, few in flight: neither worker can take the whole test's work in one go.
      startParleyProcess({ ...env, ...worker }, { readyTimeoutMs: 90_000 }),
      startParleyProcess({ ...env, ...worker }, { readyTimeoutMs: 90_000 }),
    ]);
    // Keep whichever started, so afterAll stops it even when another failed.
    const nodes = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as ParleyProcess[];
    [a, b] = nodes as [ParleyProcess, ParleyProcess];
    workers = nodes.slice(2);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(opened.splice(0).map(closeSocket));
    await Promise.allSettled([a, b, ...workers].map((node) => node?.stop()));
    await sink?.close();
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

  it('all four processes are ready on the same database and Redis', async () => {
    expect(new Set([a, b, ...workers].map((node) => node.pid)).size).toBe(4);
    for (const node of [a, b, ...workers]) {
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

  it('notifications accepted on both API nodes are delivered by both workers, each once', async () => {
    const requests = range(1, 400).map((i) => ({
      requestId: randomUUID(),
      notificationType: 'transactional',
      channels: ['webhook'],
      recipient: { userId: user(`customer${i}`) },
      message: { subject: 'Order shipped', body: `Order ${i} is on its way.` },
    }));
    const batches = [requests.slice(0, 200), requests.slice(200)];
    const answers = await Promise.all(batches.map((batch, i) => (i ? b : a).request('POST', '/notifications/batch', { body: { notifications: batch } })));
    for (const answer of answers) expect(answer.status).toBe(202);

    await eventually(() => sink.counts.size === requests.length, 'every webhook at the sink', 30_000);
    // Each delivery went out once: one webhook-id per request, none repeated.
    expect([...sink.counts.values()].every((n) => n === 1)).toBe(true);

    // The API nodes accepted and sent nothing; the two workers shared the sending.
    // (A worker counts a delivery once its outcome is written, just after the sink answered.)
    let sent: number[] = [];
    await eventually(async () => {
      sent = await Promise.all(workers.map((w) => metricSum(w, 'parley_notifications_sent_total')));
      return sent.reduce((x, y) => x + y, 0) === requests.length;
    }, 'both workers to count 400 sent');
    for (const n of sent) expect(n).toBeGreaterThan(0);
    for (const node of [a, b]) expect(await metricSum(node, 'parley_notifications_sent_total')).toBe(0);
    expect((await metricSum(a, 'parley_notifications_accepted_total')) + (await metricSum(b, 'parley_notifications_accepted_total'))).toBe(requests.length);
  });

  it('an in-app notification accepted on A and sent by a worker reaches the user’s sockets on both API nodes', async () => {
    const customer = user('customer');
    const onA = await connect(a, customer);
    const onB = await connect(b, customer);
    const requestId = randomUUID();
    const { status } = await a.request('POST', '/notifications', {
      body: { requestId, notificationType: 'transactional', channels: ['in-app'], recipient: { userId: customer }, message: { inAppMessage: { title: 'Parcel', body: 'Your parcel is out for delivery.' } } },
    });
    expect(status).toBe(202);
    for (const socket of [onA, onB]) {
      const event = await socket.next((e) => e.type === 'notification.created', 15_000);
      expect(event.notification).toMatchObject({ requestId, title: 'Parcel', body: 'Your parcel is out for delivery.' });
    }
    await roundTrip(onA);
    expect(onA.events.filter((e) => e.type === 'notification.created')).toHaveLength(1);
  });

  it('the send rate limit is one budget across the API nodes', async () => {
    const { buyer, conversationId } = await pair();
    for (const i of range(1, SEND_LIMIT)) await send(i % 2 ? a : b, conversationId, buyer, `m${i}`);
    for (const node of [a, b]) {
      const refused = await node.request('POST', `/conversations/${conversationId}/messages`, { as: buyer, body: { content: 'one too many' } });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
    }
  });
});
