import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpUrl, backends, realServices } from './support/backends.ts';
import { payment, quietJobs, shipment } from './support/marketplace.ts';
import { eventually, freshDatabase, processEnv, startParley, startParleyProcess, type TestParley } from './support/parley.ts';

/** A publisher on the machine's RabbitMQ, with confirms, and a reader of the rejected queue. */
async function broker(queue: string) {
  const connection = await amqplib.connect(amqpUrl!);
  const channel = await connection.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  await channel.assertQueue(`${queue}.rejected`, { durable: true });
  return {
    async publish(...messages: (Record<string, unknown> | string)[]) {
      for (const m of messages) channel.sendToQueue(queue, Buffer.from(typeof m === 'string' ? m : JSON.stringify(m)), { persistent: true, contentType: 'application/json' });
      await channel.waitForConfirms();
    },
    /** What the consumer set aside, with the reason it gave. */
    async rejected(): Promise<{ body: string; code: string; reason: string }[]> {
      const out = [];
      for (;;) {
        const message = await channel.get(`${queue}.rejected`, { noAck: true });
        if (!message) return out;
        out.push({ body: message.content.toString(), code: String(message.properties.headers?.['x-parley-error']), reason: String(message.properties.headers?.['x-parley-reason']) });
      }
    },
    async close() {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.rejected`);
      await connection.close();
    },
  };
}

const lifecycle = (orderId: string, buyer: string, seller: string) => [
  { eventId: `${orderId}-placed`, type: 'placed', orderId, buyer: { userId: buyer }, seller: { userId: seller }, order: { total: 20, currency: 'EUR' } },
  { eventId: `${orderId}-paid`, type: 'paid', orderId, ...payment(20) },
  { eventId: `${orderId}-shipped`, type: 'shipped', orderId, ...shipment(`T-${orderId}`) },
  { eventId: `${orderId}-delivered`, type: 'delivered', orderId },
];

async function statusOf(parley: Pick<TestParley, 'db'>, orderId: string): Promise<string | undefined> {
  return (await parley.db.selectFrom('marketplace_orders').select('status').where('order_id', '=', orderId).executeTakeFirst())?.status;
}

describe.runIf(amqpUrl)('order events from RabbitMQ', () => {
  describe.each(backends)('on $name', (backend) => {
    const queue = `parley-test-${randomUUID()}`;
    let parley: TestParley;
    let rabbit: Awaited<ReturnType<typeof broker>>;

    beforeAll(async () => {
      rabbit = await broker(queue);
      parley = await startParley(backend, { env: { ...quietJobs, AMQP_URL: amqpUrl!, PARLEY_AMQP_QUEUE: queue } });
    });
    afterAll(async () => {
      await parley?.close();
      await rabbit?.close();
    });

    it('applies each event once, in order per order, and sets aside what it cannot take', async () => {
      const orderId = `order-${randomUUID().slice(0, 8)}`;
      const [placed, paid, shipped, delivered] = lifecycle(orderId, 'buyer-q', 'seller-q');
      // "paid" before "placed": put back until its order exists. "placed" twice: taken once.
      await rabbit.publish(paid!, placed!, placed!, shipped!, delivered!, '{not json', { eventId: 'evt-bad', type: 'teleported', orderId }, { eventId: 'evt-unpaid', type: 'paid', orderId: 'order-z' });
      await eventually(async () => (await statusOf(parley, orderId)) === 'delivered', 'the order to be delivered', 20_000);

      const events = await parley.db.selectFrom('order_events').select(['event_id', 'source']).where('order_id', '=', orderId).orderBy('occurred_at').execute();
      expect(events.map((e) => [e.event_id, e.source])).toEqual([placed, paid, shipped, delivered].map((e) => [e!.eventId, 'amqp']));
      const conversationId = (await parley.db.selectFrom('marketplace_orders').select('conversation_id').where('order_id', '=', orderId).executeTakeFirstOrThrow()).conversation_id;
      const types = (await parley.db.selectFrom('messages').select('message_type').where('conversation_id', '=', conversationId).orderBy('seq').execute()).map((m) => m.message_type);
      // The four steps, and on delivery the ask to rate the seller.
      expect(types).toEqual(['order_status', 'payment_confirmation', 'tracking', 'order_status', 'rating_request']);

      let rejected: Awaited<ReturnType<typeof rabbit.rejected>> = [];
      await eventually(async () => (rejected = [...rejected, ...(await rabbit.rejected())]).length >= 3, 'three messages to be set aside');
      expect(rejected.map((r) => r.code).sort()).toEqual(['invalid_event', 'malformed_json', 'missing_field']);
      expect(rejected.find((r) => r.code === 'invalid_event')!.reason).toContain('/type');
      expect(rejected.find((r) => r.code === 'missing_field')!.reason).toBe('A "paid" event needs "payment" with amount and currency: what was paid.');
    });

    it('sets aside an event that cannot fit its order, with the reason', async () => {
      const orderId = `order-${randomUUID().slice(0, 8)}`;
      const [placed, paid] = lifecycle(orderId, 'buyer-r', 'seller-r');
      await rabbit.publish(placed!, paid!, { ...paid!, eventId: `${orderId}-paid-again` });
      let rejected: Awaited<ReturnType<typeof rabbit.rejected>> = [];
      await eventually(async () => (rejected = [...rejected, ...(await rabbit.rejected())]).length > 0, 'the second payment to be set aside', 20_000);
      expect(rejected).toEqual([{ body: JSON.stringify({ ...paid!, eventId: `${orderId}-paid-again` }), code: 'order_state_conflict', reason: `Order ${orderId} was already paid.` }]);
      expect(await statusOf(parley, orderId)).toBe('paid');
    });
  });

  describe.runIf(realServices)('a consumer killed mid-stream', () => {
    it('loses no event and applies none twice: another consumer takes what was not acknowledged', async () => {
      const backend = realServices!;
      const queue = `parley-test-${randomUUID()}`;
      const rabbit = await broker(queue);
      const database = await freshDatabase(backend);
      const api = await startParley(backend, { database, env: { ...quietJobs, PARLEY_ROLES: 'api' } });
      const workerEnv = processEnv(database, backend, { AMQP_URL: amqpUrl!, PARLEY_AMQP_QUEUE: queue, PARLEY_ROLES: 'worker', PARLEY_JOB_INTERVAL_MS: '3600000' });
      const orders = Array.from({ length: 100 }, (_, i) => `order-k${i}-${randomUUID().slice(0, 6)}`);
      const first = await startParleyProcess(workerEnv);
      let second: Awaited<ReturnType<typeof startParleyProcess>> | undefined;
      try {
        await rabbit.publish(...orders.flatMap((o, i) => lifecycle(o, `buyer-${i}`, `seller-${i % 7}`)));
        const taken = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM order_events`.execute(api.db)).rows[0]!.n);
        await eventually(async () => (await taken()) >= 40, 'the first consumer to be under way', 20_000);
        process.kill(first.pid, 'SIGKILL');
        const atKill = await taken();
        expect(atKill).toBeLessThan(400);
        second = await startParleyProcess(workerEnv);
        await eventually(async () => (await taken()) === 400, 'every event to be taken', 60_000);

        for (const orderId of orders) expect(await statusOf(api, orderId)).toBe('delivered');
        // Each event posted exactly one message and asked for its two notices once; delivery asked the buyer once to rate the seller.
        const perConversation = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM messages m JOIN marketplace_orders o ON o.conversation_id = m.conversation_id GROUP BY m.conversation_id`.execute(api.db);
        expect(perConversation.rows.map((r) => r.n)).toEqual(orders.map(() => 5));
        const linked = await sql<{ n: number }>`SELECT count(DISTINCT message_id)::int AS n FROM order_events`.execute(api.db);
        expect(linked.rows[0]!.n).toBe(400);
        const requests = await sql<{ n: number }>`SELECT count(DISTINCT request_id)::int AS n FROM notification_logs`.execute(api.db);
        expect(requests.rows[0]!.n).toBe(400 * 2 + 100 + 100);
        expect(await rabbit.rejected()).toEqual([]);
      } finally {
        await first.stop();
        await second?.stop();
        await api.close();
        await rabbit.close();
        await database.handle.close();
        await database.drop();
      }
    }, 120_000);
  });
});
