import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/crypto/standard-webhooks.ts';
import { backends } from './support/backends.ts';
import { applied, payment, placeOrder, quietJobs } from './support/marketplace.ts';
import { expectRefusal, sendMessage, startParley, type TestParley } from './support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  event: { type: string; timestamp: string; data: any };
}

/** A receiver as a CRM would run one: it keeps what it gets; each path answers as told. */
async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, (res: ServerResponse) => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body, event: JSON.parse(body) });
      (answers.get(req.url ?? '') ?? ((r: ServerResponse) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')))(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    answers,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver does with a request: verify the Standard Webhooks signature with its secret. */
function verified(r: Received, secret: string): boolean {
  return verifyWebhook(secret, { id: String(r.headers['webhook-id']), timestamp: String(r.headers['webhook-timestamp']), signature: String(r.headers['webhook-signature']) }, r.body);
}

describe.each(backends)('event webhooks on $name', (backend) => {
  let parley: TestParley;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const seller = id('seller');
  const otherSeller = id('seller');
  const buyer = id('buyer');
  const asSeller = { as: seller, role: 'seller' as const };

  beforeAll(async () => {
    receiver = await startReceiver();
    parley = await startParley(backend, {
      env: {
        ...quietJobs,
        // The receiver runs on this machine: the tests allow loopback, as an operator would allow an internal CRM.
        PARLEY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        PARLEY_WEBHOOK_RETRY_SECONDS: '1,1',
        PARLEY_WEBHOOK_DISABLE_AFTER_SECONDS: '4',
        PARLEY_WEBHOOK_POLL_MS: '50',
        // The notification engine's own webhook channel, to a path of the receiver that refuses it (notification.failed, dead_lettered).
        PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', name: 'shop-hooks', url: receiver.url('/notify'), secret: `whsec_${Buffer.alloc(24, 3).toString('base64')}` }] }),
        PARLEY_RETRY_BASE_MS: '20',
      },
    });
  });
  afterAll(async () => {
    await parley?.close();
    await receiver?.close();
  });

  const deliveriesOf = async (endpointId: string, as: Record<string, unknown> = {}) => (await parley.request('GET', `/webhook-endpoints/${endpointId}/deliveries`, as)).body.deliveries as any[];

  it('sends an operator every event type it subscribed to and a seller the events of their own orders and conversations, signed', async () => {
    const all = await parley.request('POST', '/webhook-endpoints', { body: { url: receiver.url('/crm'), eventTypes: ['order.*', 'message.created', 'conversation.created'], description: 'Our CRM' } });
    expect(all.status, JSON.stringify(all.body)).toBe(201);
    expect(all.body).toMatchObject({ sellerId: null, enabled: true, eventTypes: expect.arrayContaining(['order.placed', 'order.refunded', 'message.created']) });
    expect(all.body.secret).toMatch(/^whsec_/);
    const mine = await parley.request('POST', '/webhook-endpoints', { ...asSeller, body: { url: receiver.url('/helpdesk'), eventTypes: ['order.placed', 'order.paid', 'message.created'] } });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.sellerId).toBe(seller);

    const { orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    await applied(parley, 'paid', orderId, payment());
    expect((await sendMessage(parley, conversationId, 'Is it gift-wrapped? Call me at +1 415 555 0100', { as: buyer })).status).toBe(201);
    const other = await placeOrder(parley, { buyer: { userId: id('buyer') }, seller: { userId: otherSeller } });

    await expect.poll(() => receiver.at('/crm').filter((r) => [orderId, other.orderId].includes(r.event.data.order?.orderId)).length).toBe(3);
    await expect.poll(() => receiver.at('/helpdesk').some((r) => r.event.type === 'message.created')).toBe(true);
    const crm = receiver.at('/crm');
    expect(crm.every((r) => verified(r, all.body.secret))).toBe(true);
    expect(crm.find((r) => r.event.type === 'conversation.created' && r.event.data.conversationId === conversationId)?.event.data).toMatchObject({ conversationType: 'order', orderId });
    const paid = crm.find((r) => r.event.type === 'order.paid' && r.event.data.order.orderId === orderId)!;
    expect(paid.event.data).toMatchObject({ conversationId, order: { orderId, status: 'paid', sellerId: seller, buyerId: buyer } });
    expect(paid.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);

    const helpdesk = receiver.at('/helpdesk');
    expect(helpdesk.every((r) => verified(r, mine.body.secret) && !verified(r, all.body.secret))).toBe(true);
    // Only the seller's own order: the other seller's never reaches their endpoint.
    expect(helpdesk.every((r) => r.event.data.order?.sellerId !== otherSeller)).toBe(true);
    expect(helpdesk.map((r) => r.event.type).sort()).toEqual(expect.arrayContaining(['message.created', 'order.paid', 'order.placed']));
    const message = helpdesk.find((r) => r.event.type === 'message.created' && r.event.data.senderId === buyer)!;
    // A third party sees contact details masked, as the seller does.
    expect(message.event.data).toMatchObject({ conversationId, messageType: 'text' });
    expect(message.event.data.content).not.toContain('555 0100');

    const log = await deliveriesOf(mine.body.endpointId, asSeller);
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatus === 200)).toBe(true);
  });

  it('retries with the same webhook-id, honouring Retry-After, and a replay sends a failed delivery again', async () => {
    receiver.answers.set('/flaky', (res) => res.writeHead(503, { 'retry-after': '1' }).end('busy'));
    const created = await parley.request('POST', '/webhook-endpoints', { body: { url: receiver.url('/flaky'), eventTypes: ['order.placed'], sellerId: seller } });
    expect(created.status).toBe(201);
    const { orderId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    // The schedule here is 1 s, 1 s: three attempts, then the delivery has failed.
    await expect.poll(async () => (await deliveriesOf(created.body.endpointId))[0]?.status, { timeout: 15_000 }).toBe('failed');
    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(attempts[0]!.event.data.order.orderId).toBe(orderId);
    const [failed] = await deliveriesOf(created.body.endpointId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 503, lastError: 'http_503', lastDetail: 'busy', nextAttemptAt: null });

    receiver.answers.delete('/flaky');
    const replay = await parley.request('POST', `/webhook-endpoints/${created.body.endpointId}/replay`, { body: { since: new Date(Date.now() - 60_000).toISOString() } });
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    expect(replay.body.replayed).toBe(1);
    await expect.poll(async () => (await deliveriesOf(created.body.endpointId))[0]?.status).toBe('delivered');
    const all = receiver.at('/flaky');
    expect(all).toHaveLength(4);
    expect(all[3]!.headers['webhook-id']).toBe(attempts[0]!.headers['webhook-id']);
    expect(verified(all[3]!, created.body.secret)).toBe(true);
  });

  it('signs with both secrets while a rotation overlaps', async () => {
    const created = await parley.request('POST', '/webhook-endpoints', { ...asSeller, body: { url: receiver.url('/rotating'), eventTypes: ['order.paid'] } });
    const rotated = await parley.request('POST', `/webhook-endpoints/${created.body.endpointId}/rotate-secret`, asSeller);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.rotationEndsAt).not.toBeNull();
    const { orderId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    await applied(parley, 'paid', orderId, payment());
    await expect.poll(() => receiver.at('/rotating').length).toBe(1);
    const [request] = receiver.at('/rotating');
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(request!, created.body.secret)).toBe(true);
    expect(verified(request!, rotated.body.secret)).toBe(true);
  });

  it('disables an endpoint failing for longer than allowed, tells its owner in the app, and sends what waited once enabled again', async () => {
    const owner = id('seller');
    const as = { as: owner, role: 'seller' as const };
    // Retry-After (3 s) longer than the schedule's 1 s is honoured: attempts at 0, 3 and 6 s; failing for 4 s disables it.
    receiver.answers.set('/down', (res) => res.writeHead(500, { 'retry-after': '3' }).end());
    const created = await parley.request('POST', '/webhook-endpoints', { ...as, body: { url: receiver.url('/down'), eventTypes: ['order.*'] } });
    const { orderId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: owner } });
    await expect.poll(async () => (await parley.request('GET', `/webhook-endpoints/${created.body.endpointId}`, as)).body.enabled, { timeout: 20_000 }).toBe(false);
    const endpoint = (await parley.request('GET', `/webhook-endpoints/${created.body.endpointId}`, as)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const tries = receiver.at('/down').map((r) => Number(r.headers['webhook-timestamp']));
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => (await parley.request('GET', '/me/notifications', as)).body.notifications.map((n: any) => n.title))
      .toContain('A webhook endpoint was disabled');

    // Meanwhile events keep being recorded for it; nothing is sent while it is disabled.
    await applied(parley, 'paid', orderId, payment());
    const sent = receiver.at('/down').length;
    receiver.answers.delete('/down');
    const enabled = await parley.request('PATCH', `/webhook-endpoints/${created.body.endpointId}`, { ...as, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await expect.poll(() => receiver.at('/down').slice(sent).some((r) => r.event.type === 'order.paid')).toBe(true);
  });

  it('sends dispute and notification events: opened, assigned, status changed and resolved; delivered, opened and clicked', async () => {
    const ops = await parley.request('POST', '/webhook-endpoints', { body: { url: receiver.url('/ops'), eventTypes: ['dispute.*', 'notification.*'] } });
    expect(ops.status).toBe(201);
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    const opened = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: buyer, body: { reason: 'The mug arrived broken' } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const disputeId = opened.body.dispute.disputeId;
    expect((await parley.request('POST', `/marketplace/messaging/disputes/${disputeId}/assign`, { body: { moderatorId: 'mod-ada' } })).status).toBe(200);
    expect((await parley.request('PATCH', `/marketplace/messaging/disputes/${disputeId}`, { body: { status: 'resolved_refund', note: 'Refunded in full' } })).status).toBe(200);
    const ofDispute = () => receiver.at('/ops').filter((r) => r.event.data.dispute?.disputeId === disputeId);
    await expect.poll(() => ofDispute().map((r) => r.event.type).sort()).toEqual(['dispute.assigned', 'dispute.opened', 'dispute.resolved', 'dispute.status_changed']);
    expect(ofDispute().find((r) => r.event.type === 'dispute.status_changed')!.event.data).toMatchObject({ from: 'open', to: 'resolved_refund', note: 'Refunded in full', dispute: { status: 'resolved_refund' } });
    expect(ofDispute().find((r) => r.event.type === 'dispute.assigned')!.event.data).toMatchObject({ moderatorId: 'mod-ada' });

    const reader = id('buyer');
    const socket = await parley.connect(reader);
    const requestId = randomUUID();
    const body = { requestId, notificationType: 'transactional', channels: ['in-app'], recipient: { userId: reader }, message: { inAppMessage: { title: 'Shipped', body: 'On its way' } } };
    expect((await parley.request('POST', '/notifications', { body })).status).toBe(202);
    await socket.next((e) => e.type === 'notification.created');
    const logId = (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0].logId;
    expect((await parley.request('POST', `/notifications/${logId}/opened`, { as: reader })).status).toBe(200);
    expect((await parley.request('POST', `/notifications/${logId}/clicked`, { as: reader })).status).toBe(200);
    const ofNotification = () => receiver.at('/ops').filter((r) => r.event.data.logId === logId);
    await expect.poll(() => ofNotification().map((r) => r.event.type).sort()).toEqual(['notification.clicked', 'notification.delivered', 'notification.opened']);
    expect(ofNotification()[0]!.event.data).toMatchObject({ requestId, userId: reader, channel: 'in-app', notificationType: 'transactional' });
    expect(ofNotification().every((r) => verified(r, ops.body.secret))).toBe(true);
  });

  it("erasing a seller deletes their endpoints and every event naming them, delivered or waiting", async () => {
    const gone = id('seller');
    receiver.answers.set('/erased', (res) => res.writeHead(503).end());
    const own = await parley.request('POST', '/webhook-endpoints', { as: gone, role: 'seller', body: { url: receiver.url('/erased'), eventTypes: ['order.placed'] } });
    const ops = await parley.request('POST', '/webhook-endpoints', { body: { url: receiver.url('/erased-ops'), eventTypes: ['order.placed'] } });
    const { orderId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: gone } });
    await expect.poll(() => receiver.at('/erased-ops').some((r) => r.event.data.order.orderId === orderId)).toBe(true);
    const erased = await parley.request('DELETE', `/users/${gone}`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    // Its own endpoint; the order's events (other tests' endpoints take them too) name the seller.
    expect(erased.body.counts.webhook_endpoints).toBe(1);
    expect(erased.body.counts.webhook_events).toBeGreaterThanOrEqual(1);
    const left = await parley.db.selectFrom('webhook_events').select('event_id').where('seller_id', '=', gone).execute();
    expect(left).toEqual([]);
    expectRefusal(await parley.request('GET', `/webhook-endpoints/${own.body.endpointId}`), 404, 'webhook_endpoint_not_found');
    expect(await deliveriesOf(ops.body.endpointId)).toEqual([]);
    receiver.answers.delete('/erased');
  });

  it('sends notification.failed and notification.dead_lettered when a delivery fails for good or runs out of retries', async () => {
    const ops = await parley.request('POST', '/webhook-endpoints', { body: { url: receiver.url('/ops-failures'), eventTypes: ['notification.failed', 'notification.dead_lettered'] } });
    const notify = (retries: number) => ({ requestId: randomUUID(), notificationType: 'transactional', channels: ['webhook'], recipient: { userId: id('shop') }, message: { subject: 'Order paid', body: 'Order #77 was paid.' }, metadata: { retries, vendorId: seller } });
    receiver.answers.set('/notify', (res) => res.writeHead(400).end('{"error":"unknown order"}'));
    const refused = notify(3);
    expect((await parley.request('POST', '/notifications', { body: refused })).status).toBe(202);
    await expect.poll(() => receiver.at('/ops-failures').find((r) => r.event.data.requestId === refused.requestId)?.event.type).toBe('notification.failed');
    receiver.answers.set('/notify', (res) => res.writeHead(503).end());
    const dead = notify(0);
    expect((await parley.request('POST', '/notifications', { body: dead })).status).toBe(202);
    await expect.poll(() => receiver.at('/ops-failures').find((r) => r.event.data.requestId === dead.requestId)?.event.type).toBe('notification.dead_lettered');
    const failed = receiver.at('/ops-failures').find((r) => r.event.data.requestId === refused.requestId)!;
    expect(failed.event.data).toMatchObject({ channel: 'webhook', status: 'failed', errorCode: 'rejected' });
    expect(verified(failed, ops.body.secret)).toBe(true);
    receiver.answers.delete('/notify');
  });

  describe('without an allow list', () => {
    let strict: TestParley;
    beforeAll(async () => {
      strict = await startParley(backend, { env: quietJobs });
    });
    afterAll(async () => strict?.close());

    it('refuses URLs inside the network, unknown event types and malformed bodies, writing nothing', async () => {
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.0.0.8/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/hook', 'http://localhost/hook']) {
        expectRefusal(await strict.request('POST', '/webhook-endpoints', { as: seller, role: 'seller', body: { url, eventTypes: ['order.paid'] } }), 400, 'url_not_allowed');
      }
      expectRefusal(await strict.request('POST', '/webhook-endpoints', { body: { url: 'ftp://example.com/', eventTypes: ['order.paid'] } }), 400, 'url_not_allowed');
      expectRefusal(await strict.request('POST', '/webhook-endpoints', { body: { url: 'https://crm.example.com/hook', eventTypes: ['order.lost'] } }), 400, 'unknown_event_type');
      expect((await strict.request('POST', '/webhook-endpoints', { body: { url: 'https://crm.example.com/hook' } })).status).toBe(400);
      expect((await strict.request('POST', '/webhook-endpoints', { body: '{"url": ' })).status).toBe(400);
      expect((await strict.request('GET', '/webhook-endpoints')).body.endpoints).toEqual([]);
    });
  });

  it("keeps each seller to their own endpoints: another seller's is 404, a buyer is refused", async () => {
    const created = await parley.request('POST', '/webhook-endpoints', { ...asSeller, body: { url: receiver.url('/private'), eventTypes: ['order.placed'] } });
    const stranger = { as: otherSeller, role: 'seller' as const };
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { enabled: false }],
      ['DELETE', '', undefined],
      ['POST', '/rotate-secret', undefined],
      ['POST', '/replay', { since: new Date().toISOString() }],
      ['GET', '/deliveries', undefined],
    ] as const) {
      expectRefusal(await parley.request(method, `/webhook-endpoints/${created.body.endpointId}${path}`, { ...stranger, body }), 404, 'webhook_endpoint_not_found');
    }
    expect((await parley.request('GET', '/webhook-endpoints', stranger)).body.endpoints).toEqual([]);
    expectRefusal(await parley.request('POST', '/webhook-endpoints', { ...stranger, body: { url: receiver.url('/x'), eventTypes: ['order.placed'], sellerId: seller } }), 403, 'not_your_webhooks');
    expectRefusal(await parley.request('GET', '/webhook-endpoints', { as: buyer }), 403, 'sellers_only');
    expect((await parley.request('GET', '/webhook-endpoints', asSeller)).body.endpoints.map((e: any) => e.endpointId)).toContain(created.body.endpointId);
    expect((await parley.request('DELETE', `/webhook-endpoints/${created.body.endpointId}`, asSeller)).status).toBe(204);
    expectRefusal(await parley.request('GET', `/webhook-endpoints/${created.body.endpointId}`, asSeller), 404, 'webhook_endpoint_not_found');
  });
});
