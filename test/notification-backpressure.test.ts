import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { startSink, type Sink } from './support/fakes/sink.ts';
import { eventually, expectRefused, freshDatabase, startParley, type TestParley } from './support/parley.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const webhooks = (sink: Sink) => JSON.stringify({ webhook: [{ type: 'webhook', name: 'sink', url: sink.url, secret }] });

function notification(notificationType: 'transactional' | 'promotional' | 'systemAlert', extra: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    notificationType,
    channels: ['webhook'],
    // One user each: a promotion is not held back by a user's daily promotional limit.
    recipient: { userId: `user-${randomUUID().slice(0, 12)}` },
    message: { subject: 'Hello', body: `A ${notificationType} notification.` },
    ...extra,
  };
}

async function deliveryStatus(parley: TestParley, requestId: string): Promise<string> {
  const { body } = await parley.request('GET', `/notifications/${requestId}`);
  return body.deliveries[0].status;
}

describe.each(backends)('back-pressure and fairness on $name', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('past PARLEY_QUEUE_MAX_ROWS refuses promotions with 429 queue_backlog and Retry-After, keeps accepting transactional notifications and system alerts, and accepts the same request once the queue drained', async () => {
    const sink = await startSink();
    sink.mode = 'hold';
    const parley = await startParley(backend, { env: { PARLEY_QUEUE_MAX_ROWS: '20', PARLEY_PROVIDERS: webhooks(sink), PARLEY_POLL_MS: '50' } });
    cleanup.push(async () => {
      await sink.close();
      await parley.close();
    });

    // 90 promotions, held at the sink: the queue holds 90 deliveries being sent, more than four
    // times the limit (what medium priority may reach), all of them low priority.
    const backlog = Array.from({ length: 90 }, () => notification('promotional'));
    expect((await parley.request('POST', '/notifications/batch', { body: { notifications: backlog } })).status).toBe(202);

    // Promotions are accepted until the next sample of the queue's depth sees the backlog.
    let promotion = notification('promotional');
    let refused: Awaited<ReturnType<TestParley['request']>> | undefined;
    await eventually(async () => {
      promotion = notification('promotional');
      refused = await parley.request('POST', '/notifications', { body: promotion });
      return refused.status === 429;
    }, 'a sampled backlog');
    expect(refused!.body.error.code).toBe('queue_backlog');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.body.error.details).toMatchObject({ priority: 'low' });
    expect(refused!.body.error.details.queueDepth).toBeGreaterThanOrEqual(30);

    // The refusal wrote nothing; a batch with one promotion in it is refused whole.
    await expectRefused(parley, 429, 'queue_backlog', () => parley.request('POST', '/notifications', { body: notification('promotional') }));
    await expectRefused(parley, 429, 'queue_backlog', () =>
      parley.request('POST', '/notifications/batch', { body: { notifications: [notification('transactional'), notification('promotional')] } }),
    );
    // A transactional request that asks for low priority is held to it.
    await expectRefused(parley, 429, 'queue_backlog', () => parley.request('POST', '/notifications', { body: notification('transactional', { metadata: { priority: 'low' } }) }));

    // Transactional notifications and system alerts are ahead of the backlog in the queue: they keep
    // flowing, however deep the promotional backlog.
    expect((await parley.request('POST', '/notifications', { body: notification('transactional') })).status).toBe(202);
    expect((await parley.request('POST', '/notifications', { body: notification('systemAlert') })).status).toBe(202);
    const mixed = await parley.request('POST', '/notifications/batch', { body: { notifications: [notification('transactional'), notification('systemAlert')] } });
    expect(mixed.status).toBe(202);
    expect(mixed.body.accepted).toBe(2);

    // The sink answers again, the queue drains, and the same request (same requestId) is accepted.
    sink.mode = 'ok';
    sink.release();
    await eventually(async () => (await parley.request('POST', '/notifications', { body: promotion })).status === 202, 'the promotion accepted after the backlog drained');
    await eventually(async () => (await deliveryStatus(parley, promotion.requestId)) === 'sent', 'the promotion sent');
    expect(sink.counts.get((await parley.request('GET', `/notifications/${promotion.requestId}`)).body.deliveries[0].logId)).toBe(1);
  });

  it('past PARLEY_QUEUE_MAX_SECONDS of work at the measured drain rate refuses promotions; with no worker nothing drains', async () => {
    const parley = await startParley(backend, { env: { PARLEY_ROLES: 'api', PARLEY_QUEUE_MAX_SECONDS: '1', PARLEY_QUEUE_MAX_ROWS: '0' } });
    cleanup.push(() => parley.close());
    const backlog = Array.from({ length: 30 }, () => notification('promotional'));
    expect((await parley.request('POST', '/notifications/batch', { body: { notifications: backlog } })).status).toBe(202);
    let refused: Awaited<ReturnType<TestParley['request']>> | undefined;
    await eventually(async () => {
      refused = await parley.request('POST', '/notifications', { body: notification('promotional') });
      return refused.status === 429;
    }, 'a sampled backlog');
    expect(refused!.body.error).toMatchObject({ code: 'queue_backlog', details: { priority: 'low' } });
    expect(refused!.body.error.message).toContain('seconds of work');
    expect(refused!.headers.get('retry-after')).toBeTruthy();
    expect((await parley.request('POST', '/notifications', { body: notification('systemAlert') })).status).toBe(202);
  });

  it('states the 429 in the contract of both accepting routes, whether or not a limit is set', async () => {
    const parley = await startParley(backend, { env: { PARLEY_QUEUE_MAX_ROWS: '0' } });
    cleanup.push(() => parley.close());
    const { body } = await parley.request('GET', '/openapi.json');
    expect(body.paths['/notifications'].post.responses).toHaveProperty('429');
    expect(body.paths['/notifications/batch'].post.responses).toHaveProperty('429');
    expect(body.paths['/notifications/{requestId}'].get.responses).not.toHaveProperty('429');
    // No limit: nothing is refused.
    const many = Array.from({ length: 50 }, () => notification('promotional'));
    expect((await parley.request('POST', '/notifications/batch', { body: { notifications: many } })).status).toBe(202);
  });

  // The claim takes the highest priority first: a transactional notification accepted after a
  // 100,000-row promotional backlog goes out in the worker's first claim. Accepting 100,000
  // through the API takes about 15 s on PostgreSQL and twice that on PGlite, which holds 20,000.
  const BACKLOG = backend.name === 'postgres' ? 100_000 : 20_000;
  const CLAIM = 500;
  it(`delivers a transactional notification ahead of a ${BACKLOG.toLocaleString('en')}-row promotional backlog`, async () => {
    const database = await freshDatabase(backend);
    cleanup.push(async () => {
      await database.handle.close();
      await database.drop();
    });
    // Accepting only (no worker): the backlog builds up, then the transactional notification joins it.
    const api = await startParley(backend, { database, env: { PARLEY_ROLES: 'api' } });
    let closeApi: (() => Promise<void>) | undefined = () => api.close();
    cleanup.push(async () => closeApi?.());
    const promotions = Array.from({ length: BACKLOG }, () => notification('promotional'));
    const batches: (typeof promotions)[] = [];
    for (let i = 0; i < promotions.length; i += 1000) batches.push(promotions.slice(i, i + 1000));
    const next = { i: 0 };
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next.i < batches.length) {
          const batch = batches[next.i++]!;
          const reply = await api.request('POST', '/notifications/batch', { body: { notifications: batch } });
          expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(202);
        }
      }),
    );
    const urgent = notification('transactional');
    expect((await api.request('POST', '/notifications', { body: urgent })).status).toBe(202);
    await api.close();
    closeApi = undefined;

    // A worker starts on the same database.
    const sink = await startSink();
    const worker = await startParley(backend, { database, env: { PARLEY_PROVIDERS: webhooks(sink), PARLEY_WORKER_BATCH: String(CLAIM), PARLEY_POLL_MS: '50' } });
    cleanup.push(async () => {
      await worker.close();
      await sink.close();
    });
    await eventually(async () => (await deliveryStatus(worker, urgent.requestId)) === 'sent', 'the transactional notification sent', 60_000);
    const urgentId = (await worker.request('GET', `/notifications/${urgent.requestId}`)).body.deliveries[0].logId;
    const position = sink.requests.findIndex((r) => r.id === urgentId);
    // It reached the sink within the first claim, while the promotions accepted before it still wait.
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(CLAIM);
    expect(await deliveryStatus(worker, promotions.at(-1)!.requestId)).toBe('queued');
    expect(await deliveryStatus(worker, promotions[BACKLOG / 2]!.requestId)).toBe('queued');
  }, 120_000);
});
