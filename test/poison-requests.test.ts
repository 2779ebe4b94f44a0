import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { expectRefusal, orderConversation, startParley, type TestParley, type TestSocket } from './support/parley.ts';

const nul = '\u0000';
const loneSurrogate = '\ud800';

function notification(body: string, userId = 'buyer-1') {
  return { requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId }, message: { subject: 'Your order', body } };
}

/** Requests that share a transaction with a bad one: the bad one is refused alone, the rest are kept. */
describe.each(backends)('a poison request among valid ones on $name', (backend) => {
  let parley: TestParley;
  let conversationId: string;
  let buyer: TestSocket;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_ROLES: 'api', PARLEY_SEND_RATE_LIMIT: '100000' } });
    conversationId = (await orderConversation(parley, 'buyer-1', 'seller-1')).conversationId;
    buyer = await parley.connect('buyer-1', 'buyer');
  }, 60_000);

  afterAll(async () => {
    buyer?.close();
    await parley?.close();
  });

  async function storedRequests(requestIds: string[]): Promise<Set<string>> {
    const rows = await parley.db.selectFrom('notification_logs').select('request_id').where('request_id', 'in', requestIds).execute();
    return new Set(rows.map((r) => r.request_id));
  }

  it('accepts every valid notification sent at the same time as one holding U+0000, and refuses only that one', async () => {
    const valid = Array.from({ length: 99 }, (_, i) => notification(`Order ${i} shipped.`));
    const poison = notification(`Order shipped.${nul}`);
    const all = [...valid.slice(0, 50), poison, ...valid.slice(50)];
    const replies = await Promise.all(all.map((body) => parley.request('POST', '/notifications', { body })));
    const refused = replies[50]!;
    expectRefusal(refused, 400, 'invalid_characters');
    expect(refused.body.error.details.path).toBe('/body/message/body');
    replies.splice(50, 1);
    expect(replies.map((r) => r.status)).toEqual(valid.map(() => 202));
    const stored = await storedRequests(all.map((n) => n.requestId));
    expect(stored.size).toBe(99);
    expect(stored.has(poison.requestId)).toBe(false);
  });

  it('refuses a batch holding one unstorable string as invalid_batch, naming it, and writes nothing', async () => {
    const batch = [notification('One.'), notification(`Two${loneSurrogate}.`), notification('Three.')];
    const reply = await parley.request('POST', '/notifications/batch', { body: { notifications: batch } });
    expectRefusal(reply, 400, 'invalid_batch');
    expect(reply.body.error.details.items).toEqual([expect.objectContaining({ index: 1, requestId: batch[1]!.requestId, code: 'invalid_characters', field: 'message.body' })]);
    expect((await storedRequests(batch.map((n) => n.requestId))).size).toBe(0);
  });

  it('refuses U+0000 in a recipient, a metadata key, a query parameter and a path parameter with 400, never 500', async () => {
    const inRecipient = notification('Fine.', `buyer${nul}`);
    expectRefusal(await parley.request('POST', '/notifications', { body: inRecipient }), 400, 'invalid_characters');
    const inKey = await parley.request('POST', '/conversations', {
      body: { conversationType: 'general', contextMetadata: { [`k${nul}`]: 1 }, participants: [{ userId: 'buyer-1', role: 'buyer' }, { userId: 'seller-1', role: 'seller' }] },
    });
    expectRefusal(inKey, 400, 'invalid_characters');
    expectRefusal(await parley.request('GET', `/conversations?orderId=a%00b`), 400, 'invalid_characters');
    expectRefusal(await parley.request('GET', `/marketplace/orders/a%00b/events`), 400, 'invalid_characters');
  });

  it('acknowledges every valid chat send around one holding U+0000, and answers that one with an error naming it', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const poisonId = ids[7]!;
    ids.forEach((clientMessageId) => buyer.send({ type: 'message.send', conversationId, clientMessageId, content: clientMessageId === poisonId ? `call me${nul}` : 'hello' }));
    const error = await buyer.next((e) => e.type === 'error' && e.clientMessageId === poisonId);
    expect(error).toMatchObject({ code: 'invalid_characters', conversationId });
    for (const id of ids.filter((i) => i !== poisonId)) {
      const ack = await buyer.next((e) => e.type === 'message.ack' && e.clientMessageId === id);
      expect(ack.created).toBe(true);
    }
  });
});
