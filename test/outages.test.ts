import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ParleyClient, type ParleyEvent } from '../client/sdk/index.ts';
import { openDatabase } from '../src/db/connect.ts';
import { realServices } from './support/backends.ts';
import { eventually, expectRefusal, freshDatabase, orderConversation, startParley, type TestDatabase, type TestParley, type TestSocket } from './support/parley.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

function notification(body = 'Your order shipped.') {
  return { requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId: 'buyer-1' }, message: { subject: 'Order', body } };
}

/** Times a call; the result with how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
}

/**
 * PostgreSQL and Redis taken away from a running node and given back, through TCP proxies: the
 * node stays up, answers 503 with Retry-After while the database is away, works on its own while
 * Redis is away, and needs no restart when either returns. (The fault suite does the same by
 * stopping the real servers, under load and across processes.)
 */
describe.runIf(realServices)('a node whose database or Redis goes away', () => {
  let postgres: TcpProxy;
  let redis: TcpProxy;
  let database: TestDatabase;
  let parley: TestParley;
  /** A second node on the same database and (proxied) Redis. */
  let other: TestParley;
  let conversationId: string;
  let buyer: TestSocket;

  beforeAll(async () => {
    const direct = await freshDatabase(realServices!);
    await direct.handle.close();
    const target = new URL(direct.databaseUrl!);
    postgres = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const redisTarget = new URL(realServices!.redisUrl!);
    redis = await startTcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
    const proxied = new URL(direct.databaseUrl!);
    proxied.host = `127.0.0.1:${postgres.port}`;
    const handle = await openDatabase({ databaseUrl: proxied.toString(), poolSize: 5, connectionWaitMs: 1_000 });
    database = { handle, databaseUrl: proxied.toString(), drop: direct.drop };
    const throughProxy = { ...realServices!, redisUrl: `redis://127.0.0.1:${redis.port}` };
    parley = await startParley(throughProxy, { database, env: { PARLEY_DATABASE_WAIT_MS: '1000' } });
    other = await startParley(throughProxy, { database, env: { PARLEY_DATABASE_WAIT_MS: '1000' } });
    conversationId = (await orderConversation(parley, 'buyer-1', 'seller-1')).conversationId;
    buyer = await parley.connect('buyer-1', 'buyer');
  }, 60_000);

  afterAll(async () => {
    buyer?.close();
    // Each step named, so that one that hangs says which it is.
    const step = async (name: string, close: () => Promise<unknown> | undefined) => {
      const slow = setTimeout(() => process.stderr.write(`outages teardown: ${name} has taken more than 10 s\n`), 10_000);
      try {
        await close();
      } finally {
        clearTimeout(slow);
      }
    };
    await step('the second node', () => other?.close());
    await step('the first node', () => parley?.close());
    await step('the database pool', () => database?.handle.close());
    await step('the Redis proxy', () => redis?.close());
    await step('the PostgreSQL proxy', () => postgres?.close());
    await step('dropping the database', () => database?.drop());
  }, 60_000);

  it('answers 503 database_unavailable with Retry-After while PostgreSQL is away, and serves again when it is back', async () => {
    expect((await parley.request('POST', '/notifications', { body: notification() })).status).toBe(202);
    await postgres.cut();

    const { result: refused, ms } = await timed(() => parley.request('POST', '/notifications', { body: notification() }));
    expectRefusal(refused, 503, 'database_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5_000);
    expectRefusal(await parley.request('GET', `/conversations/${conversationId}`, { as: 'buyer-1' }), 503, 'database_unavailable');
    const ready = await parley.request('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toBe('unreachable');

    // A send over the socket is answered with an error naming it.
    const clientMessageId = randomUUID();
    buyer.send({ type: 'message.send', conversationId, clientMessageId, content: 'anyone there?' });
    const error = await buyer.next((e) => e.type === 'error' && e.clientMessageId === clientMessageId, 8_000);
    expect(error).toMatchObject({ code: 'database_unavailable', conversationId });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);

    await postgres.restore();
    await eventually(async () => (await parley.request('POST', '/notifications', { body: notification() })).status === 202, 'the node serving again', 15_000);
    expect((await parley.request('GET', '/ready')).status).toBe(200);
    // The same send, retried with its clientMessageId, is stored once.
    buyer.send({ type: 'message.send', conversationId, clientMessageId, content: 'anyone there?' });
    const ack = await buyer.next((e) => e.type === 'message.ack' && e.clientMessageId === clientMessageId, 8_000);
    expect(ack.created).toBe(true);
  });

  it('keeps answering at normal speed while Redis is away, says it is degraded, and recovers by itself', async () => {
    await redis.cut();
    try {
      const slowest = { ms: 0 };
      for (let i = 0; i < 5; i++) {
        const { result, ms } = await timed(() => parley.request('POST', `/conversations/${conversationId}/messages`, { as: 'buyer-1', body: { content: `while redis is away ${i}` } }));
        expect(result.status).toBe(201);
        slowest.ms = Math.max(slowest.ms, ms);
      }
      // Commands to Redis fail at once or after PARLEY_REDIS_TIMEOUT_MS; nothing waits for it to come back.
      expect(slowest.ms).toBeLessThan(1_000);
      const clientMessageId = randomUUID();
      const { ms: ackMs } = await timed(async () => {
        buyer.send({ type: 'message.send', conversationId, clientMessageId, content: 'over the socket' });
        await buyer.next((e) => e.type === 'message.ack' && e.clientMessageId === clientMessageId, 3_000);
      });
      expect(ackMs).toBeLessThan(1_000);
      const ready = await parley.request('GET', '/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded', checks: { database: 'ok', redis: 'unreachable' } });
    } finally {
      await redis.restore();
    }
    await eventually(async () => (await parley.request('GET', '/ready')).body.status === 'ready', 'Redis reachable again', 15_000);
    // Sockets on this node are told to resume: other nodes' events may have passed them by.
    await buyer.next((e) => e.type === 'resync', 5_000);
  });

  it('delivers what another node sent while Redis was away, once it is back: the client resumes on resync', async () => {
    // The seller is on the other node, with the client SDK.
    const seller = new ParleyClient({ baseUrl: other.url, token: () => other.token('seller-1', 'seller'), WebSocket, reconnect: { minDelayMs: 20, maxDelayMs: 100 } });
    const events: ParleyEvent[] = [];
    seller.on('*', (event) => events.push(event));
    try {
      await seller.connect();
      const before = await parley.request('POST', `/conversations/${conversationId}/messages`, { as: 'buyer-1', body: { content: 'before the outage' } });
      await eventually(() => events.some((e) => e.type === 'message.created' && e.message.messageId === before.body.messageId), 'the live message on the other node');

      await redis.cut();
      const during = await parley.request('POST', `/conversations/${conversationId}/messages`, { as: 'buyer-1', body: { content: 'while Redis is away' } });
      expect(during.status).toBe(201);
      await redis.restore();

      // Nothing live reached the other node; its client hears `resync`, resumes, and gets the message once.
      await eventually(() => events.some((e) => e.type === 'resync'), 'resync on the other node', 15_000);
      await eventually(() => events.some((e) => e.type === 'message.created' && e.message.messageId === during.body.messageId), 'the missed message after resume', 10_000);
      expect(events.filter((e) => e.type === 'message.created' && e.message.messageId === during.body.messageId)).toHaveLength(1);
    } finally {
      seller.close();
    }
  });
});
