import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { placeOrder, quietJobs } from './support/marketplace.ts';
import { expectSentence, type RequestOptions, startParley, type TestParley } from './support/parley.ts';

/**
 * Every marketplace endpoint, fed input that is wrong in the usual ways, by every kind of
 * caller: the answer is always a 4xx with a code and a sentence, never a 500.
 */
describe.each(backends)('marketplace endpoints under bad input on $name', (backend) => {
  let parley: TestParley;
  let routes: { method: string; path: string }[];
  let conversationId: string;

  beforeAll(async () => {
    parley = await startParley(backend, { env: quietJobs });
    conversationId = (await placeOrder(parley)).conversationId;
    const spec = (await parley.request('GET', '/openapi.json')).body;
    routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/marketplace/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(async () => parley?.close());

  it('documents every marketplace endpoint of the specification', () => {
    const seed = [
      'POST /marketplace/messaging/conversations/order/{orderId}',
      'POST /marketplace/messaging/conversations/product/{productId}',
      'GET /marketplace/messaging/conversations/my-orders',
      'GET /marketplace/messaging/conversations/{id}/order-timeline',
      'GET /marketplace/messaging/templates',
      'POST /marketplace/messaging/templates',
      'PUT /marketplace/messaging/templates/{id}',
      'DELETE /marketplace/messaging/templates/{id}',
      'POST /marketplace/messaging/quick-replies',
      'GET /marketplace/messaging/quick-replies/suggest',
      'GET /marketplace/messaging/conversations/{id}/analytics',
      'GET /marketplace/messaging/seller/analytics/messaging',
      'POST /marketplace/messaging/conversations/{id}/auto-notify',
      'POST /marketplace/messaging/conversations/{id}/escalate',
    ];
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(seed));
  });

  const callers: [string, RequestOptions][] = [
    ['the backend', {}],
    ['a buyer', { as: 'buyer-1' }],
    ['a seller', { as: 'seller-1', role: 'seller' }],
    ['a moderator', { as: 'mod-1', role: 'moderator' }],
    ['a stranger', { as: 'nobody-1' }],
  ];
  const bodies: [string, unknown][] = [
    ['malformed JSON', '{"reason": '],
    ['an empty object', {}],
    ['an unknown field', { bogus: true }],
    ['wrong types', { reason: 42, content: ['x'], status: 7, type: null, name: {}, triggers: 'refund', sellerId: 5 }],
    ['an array', [1, 2, 3]],
  ];
  const fill = (path: string, id: string) =>
    path.replace('{id}', id).replace('{orderId}', 'order-1').replace('{productId}', 'prod-1').replace('{disputeId}', id).replace(/\{[^}]+\}/g, 'x-1');

  it('answers every caller, every wrong body and every unknown id with a 4xx, a code and a sentence', async () => {
    let calls = 0;
    for (const { method, path } of routes) {
      for (const id of [conversationId, randomUUID(), 'not-a-uuid']) {
        for (const [who, caller] of callers) {
          const cases: [string, unknown, string][] =
            method === 'GET' || method === 'DELETE'
              ? [
                  ['no query', undefined, ''],
                  ['a bad query', undefined, `?limit=0&cursor=%00&conversationId=${id}&sellerId=%20`],
                  ['a forged cursor', undefined, `?cursor=${Buffer.from('["x",1]').toString('base64url')}&conversationId=${id}`],
                ]
              : bodies.map(([what, body]) => [what, body, '']);
          for (const [what, body, query] of cases) {
            const reply = await parley.request(method, `${fill(path, id)}${query}`, { ...caller, body });
            calls++;
            const where = `${method} ${path} (${id}) by ${who} with ${what}: ${reply.status} ${JSON.stringify(reply.body)}`;
            expect(reply.status, where).toBeLessThan(500);
            if (reply.status >= 400) {
              expect(reply.body?.error?.code, where).toMatch(/^[a-z_]+$/);
              expectSentence(reply.body.error.message);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
  }, 120_000);
});
