import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { backends, realServices } from './support/backends.ts';
import { startSink, type Sink } from './support/fakes/sink.ts';
import { eventually, freshDatabase, processEnv, startParley, startParleyProcess, type TestParley } from './support/parley.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const hook = (name: string, sink: Sink) => ({ type: 'webhook', name, url: sink.url, secret });

function webhookRequest(retries: number, userId = `user-${randomUUID().slice(0, 8)}`) {
  return {
    requestId: randomUUID(),
    notificationType: 'transactional',
    channels: ['webhook'],
    recipient: { userId },
    message: { subject: 'Order paid', body: 'Order #77 was paid.' },
    metadata: { retries },
  };
}

async function delivery(parley: { request: TestParley['request'] }, requestId: string) {
  const { body } = await parley.request('GET', `/notifications/${requestId}`);
  return body.deliveries[0];
}

async function finalDelivery(parley: { request: TestParley['request'] }, requestId: string, timeoutMs = 10_000) {
  let last: any;
  await eventually(async () => {
    last = await delivery(parley, requestId);
    return !['queued', 'standby', 'sending'].includes(last.status);
  }, `delivery of ${requestId}`, timeoutMs);
  return last;
}

describe.each(backends)('delivery faults on $name', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(env: Record<string, string>, sinks: Sink[]): Promise<TestParley> {
    const parley = await startParley(backend, { env: { PARLEY_POLL_MS: '50', PARLEY_RETRY_BASE_MS: '20', ...env } });
    cleanup.push(async () => {
      await parley.close();
      for (const s of sinks) await s.close();
    });
    return parley;
  }

  it('retries a provider that is down, fails over after the breaker opens, then dead-letters, exactly as configured', async () => {
    const [primary, secondary] = [await startSink(), await startSink()];
    primary.mode = 'down';
    secondary.mode = 'down';
    const parley = await start(
      { PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('primary', primary), hook('secondary', secondary)] }), PARLEY_BREAKER_THRESHOLD: '2', PARLEY_BREAKER_COOLDOWN_SECONDS: '2' },
      [primary, secondary],
    );
    const request = webhookRequest(3);
    await parley.request('POST', '/notifications', { body: request });
    const dead = await finalDelivery(parley, request.requestId);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, maxRetries: 3, errorCode: 'server_error' });
    const attempts = dead.history.filter((h: any) => h.status === 'attempt_failed').map((h: any) => h.provider);
    expect(attempts).toEqual(['primary', 'primary', 'secondary', 'secondary']);
    expect(dead.history.at(-1)).toMatchObject({ status: 'dead' });
    expect(primary.requests.map((r) => r.id)).toEqual([dead.logId, dead.logId]);
    expect(secondary.requests.map((r) => r.id)).toEqual([dead.logId, dead.logId]);

    const letters = await parley.request('GET', '/notifications/dead-letters?channel=webhook');
    expect(letters.body.deadLetters.map((d: any) => d.logId)).toEqual([dead.logId]);

    // Both recover; after the cooldown the breakers let a trial through and the replay goes out once.
    primary.mode = 'ok';
    secondary.mode = 'ok';
    await sleep(2_100);
    const replay = await parley.request('POST', '/notifications/dead-letters/replay', { body: { logIds: [dead.logId, randomUUID()] } });
    expect(replay.body.replayed).toEqual([dead.logId]);
    expect(replay.body.notReplayed).toHaveLength(1);
    const sent = await finalDelivery(parley, request.requestId);
    expect(sent).toMatchObject({ status: 'sent', provider: 'primary', attempts: 1 });
    expect(primary.counts.get(dead.logId)).toBe(1);
    expect((await parley.request('GET', '/notifications/dead-letters')).body.deadLetters).toEqual([]);
  });

  it('postpones deliveries behind an open breaker without spending their attempts', async () => {
    const sink = await startSink();
    sink.mode = 'down';
    const parley = await start({ PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('only', sink)] }), PARLEY_BREAKER_THRESHOLD: '1', PARLEY_BREAKER_COOLDOWN_SECONDS: '3' }, [sink]);
    // One retry each. The first delivery's failure opens the breaker.
    const first = webhookRequest(1);
    await parley.request('POST', '/notifications', { body: first });
    await eventually(async () => sink.requests.length === 1, 'the first failure');
    // The rest meet it open, and so does the first one's retry: they wait, without calling the provider.
    const rest = Array.from({ length: 4 }, () => webhookRequest(1));
    for (const r of rest) await parley.request('POST', '/notifications', { body: r });
    for (const r of [first, ...rest]) {
      await eventually(async () => (await delivery(parley, r.requestId)).history.some((h: any) => h.status === 'postponed'), 'a postponed delivery');
    }
    expect(sink.requests).toHaveLength(1);
    // The provider recovers before the breaker lets its trial through: everything goes out once.
    sink.mode = 'ok';
    for (const r of [first, ...rest]) {
      const done = await finalDelivery(parley, r.requestId);
      expect(done.status).toBe('sent');
      // Only real provider answers are attempts: the first had a failure and the send, the others the send.
      expect(done.attempts).toBe(r === first ? 2 : 1);
      expect(sink.counts.get(done.logId)).toBe(1);
    }
    expect(sink.requests).toHaveLength(6);
    expect((await parley.request('GET', '/notifications/dead-letters')).body.deadLetters).toEqual([]);
  });

  it('keeps sending through the second provider while the first is down, honouring Retry-After', async () => {
    const [primary, secondary] = [await startSink(), await startSink()];
    primary.mode = 'down';
    primary.retryAfter = '1';
    const parley = await start({ PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('primary', primary), hook('secondary', secondary)] }), PARLEY_BREAKER_THRESHOLD: '2', PARLEY_BREAKER_COOLDOWN_SECONDS: '600' }, [primary, secondary]);
    const first = webhookRequest(5);
    await parley.request('POST', '/notifications', { body: first });
    const done = await finalDelivery(parley, first.requestId);
    expect(done).toMatchObject({ status: 'sent', provider: 'secondary', attempts: 3 });
    const failures = done.history.filter((h: any) => h.status === 'attempt_failed');
    expect(failures.map((h: any) => h.provider)).toEqual(['primary', 'primary']);
    // Each retry waited at least the second the provider asked for.
    const times = done.history.filter((h: any) => h.status === 'attempt_failed' || h.status === 'sent').map((h: any) => Date.parse(h.at));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);

    const second = webhookRequest(5);
    await parley.request('POST', '/notifications', { body: second });
    expect(await finalDelivery(parley, second.requestId)).toMatchObject({ status: 'sent', provider: 'secondary', attempts: 1 });
    expect(primary.requests).toHaveLength(2);
    const metrics = await (await fetch(`${parley.url}/metrics`)).text();
    expect(metrics).toMatch(/parley_provider_circuit_open\{channel="webhook",provider="primary"\} 1/);
  });

  it('stops at once on a permanent refusal', async () => {
    const sink = await startSink();
    sink.mode = 'reject';
    const parley = await start({ PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('only', sink)] }) }, [sink]);
    const request = webhookRequest(5);
    await parley.request('POST', '/notifications', { body: request });
    const failed = await finalDelivery(parley, request.requestId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(sink.requests).toHaveLength(1);
  });

  it('takes over the deliveries of a worker that stopped mid-dispatch, sending each to the sink once', async () => {
    const sink = await startSink();
    sink.mode = 'hold';
    const parley = await start({ PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('sink', sink)] }), PARLEY_LEASE_SECONDS: '1' }, [sink]);
    const requests = Array.from({ length: 20 }, () => webhookRequest(3));
    const batch = await parley.request('POST', '/notifications/batch', { body: { notifications: requests } });
    expect(batch.body.accepted).toBe(20);
    await eventually(() => sink.held() === 20, 'every delivery to be in flight');
    // The worker dies with all twenty calls in flight: none of their outcomes is recorded.
    await parley.app.parley.dispatcher!.abandon();
    sink.mode = 'ok';
    sink.release();
    parley.app.parley.dispatcher!.start();
    for (const r of requests) expect(await finalDelivery(parley, r.requestId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.counts.size).toBe(20);
    // Each was sent twice with the same webhook-id: a receiver that deduplicates on it acts once.
    expect([...sink.counts.values()].every((n) => n === 2)).toBe(true);
  });
});

describe.runIf(realServices)('a worker process killed mid-dispatch', () => {
  it('loses nothing: a new worker delivers every notification, once per webhook-id', async () => {
    const backend = realServices!;
    const database = await freshDatabase(backend);
    const sink = await startSink();
    const api = await startParley(backend, { database, env: { PARLEY_ROLES: 'api' } });
    const workerEnv = processEnv(database, backend, {
      PARLEY_ROLES: 'worker',
      PARLEY_LEASE_SECONDS: '2',
      PARLEY_POLL_MS: '50',
      PARLEY_PROVIDERS: JSON.stringify({ webhook: [hook('sink', sink)] }),
    });
    const first = await startParleyProcess(workerEnv);
    let second: Awaited<ReturnType<typeof startParleyProcess>> | undefined;
    try {
      sink.mode = 'hold';
      const requests = Array.from({ length: 50 }, () => webhookRequest(3));
      await api.request('POST', '/notifications/batch', { body: { notifications: requests } });
      await eventually(() => sink.held() >= 10, 'the worker to be mid-dispatch');
      process.kill(first.pid, 'SIGKILL');
      await sleep(200);
      const inFlightAtKill = new Set(sink.requests.map((r) => r.id));
      sink.mode = 'ok';
      sink.release();
      second = await startParleyProcess(workerEnv);
      for (const r of requests) expect((await finalDelivery(api, r.requestId, 20_000)).status).toBe('sent');
      expect(sink.counts.size).toBe(50);
      // Only what was in flight when the worker died went out a second time (same webhook-id).
      for (const [id, n] of sink.counts) expect(n).toBe(inFlightAtKill.has(id) ? 2 : 1);
      const logIds = (await api.db.selectFrom('notification_logs').select('log_id').where('status', '=', 'sent').where('channel', '=', 'webhook').execute()).map((r) => r.log_id);
      expect(new Set(logIds)).toEqual(new Set(sink.counts.keys()));
    } finally {
      await first.stop();
      await second?.stop();
      await api.close();
      await sink.close();
      await database.handle.close();
      await database.drop();
    }
  }, 60_000);
});

describe.runIf(realServices)('two nodes: a worker node and an API node', () => {
  it('drops cached preferences on every node when they change, and reaches sockets on the other node', async () => {
    const backend = realServices!;
    const database = await freshDatabase(backend);
    const worker = await startParley(backend, { database, env: { PARLEY_POLL_MS: '50' } });
    const api = await startParley(backend, { database, env: { PARLEY_ROLES: 'api' } });
    try {
      const buyer = `buyer-${randomUUID().slice(0, 8)}`;
      const socket = await api.connect(buyer);
      const inApp = () => ({ requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId: buyer }, message: { body: 'Order shipped.' } });
      const first = inApp();
      await worker.request('POST', '/notifications', { body: first });
      // Dispatched by the worker node (the only one with a worker), which now has the buyer's preferences cached.
      const event = await socket.next((e) => e.type === 'notification.created');
      expect(event.notification.requestId).toBe(first.requestId);
      await eventually(async () => (await delivery(worker, first.requestId)).status === 'delivered', 'the delivery mark from the other node');

      expect((await api.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { optOut: { inApp: true } } } })).status).toBe(200);
      const second = inApp();
      await worker.request('POST', '/notifications', { body: second });
      expect(await finalDelivery(worker, second.requestId)).toMatchObject({ status: 'skipped', errorCode: 'opted_out' });
    } finally {
      await api.close();
      await worker.close();
      await database.handle.close();
      await database.drop();
    }
  }, 60_000);
});
