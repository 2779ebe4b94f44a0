import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { startSink, type Sink } from './support/fakes/sink.ts';
import { eventually, expectRefusal, freshDatabase, startParley, type TestParley } from './support/parley.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

function webhook(retries = 3) {
  return { requestId: randomUUID(), notificationType: 'transactional', channels: ['webhook'], recipient: { userId: user('shop') }, message: { subject: 'Order paid', body: 'Order #77 was paid.' }, metadata: { retries } };
}

function inApp(userId: string) {
  return { requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId }, message: { inAppMessage: { title: 'Order shipped', body: 'Order #1042 is on its way.' } } };
}

function push(userId: string) {
  return { requestId: randomUUID(), notificationType: 'transactional', channels: ['push'], recipient: { userId }, message: { pushNotification: { title: 'Order shipped', body: 'Order #1042 is on its way.' } } };
}

/** Sends a request and waits until its delivery is no longer queued or being sent (and, given `until`, satisfies it). */
async function deliver(parley: TestParley, request: { requestId: string }, until: (d: any) => boolean = () => true) {
  expect((await parley.request('POST', '/notifications', { body: request })).status).toBe(202);
  let last: any;
  await eventually(async () => {
    last = (await parley.request('GET', `/notifications/${request.requestId}`)).body.deliveries[0];
    return !['queued', 'standby', 'sending'].includes(last.status) && until(last);
  }, `the delivery of ${request.requestId}`);
  return last;
}

async function analytics(parley: TestParley, query = '') {
  const reply = await parley.request('GET', `/notifications/analytics${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const channelOf = (body: any, channel: string) => body.channels.find((c: any) => c.channel === channel);
const providerOf = (body: any, channel: string, name: string) => body.providers.find((p: any) => p.channel === channel && p.name === name);

/** The series summed per channel, to compare with the channel totals. */
function seriesTotals(body: any) {
  const totals: Record<string, Record<string, number>> = {};
  for (const p of body.series) {
    const t = (totals[p.channel] ??= { accepted: 0, sent: 0, delivered: 0, failed: 0, deadLettered: 0 });
    for (const k of Object.keys(t)) t[k]! += p[k];
  }
  return totals;
}

const zero = { accepted: 0, pending: 0, attempted: 0, sent: 0, delivered: 0, failed: 0, deadLettered: 0, skipped: 0, cancelled: 0, sentRate: null, deliveryRate: null, errors: [], skipReasons: [],
  engagement: { opened: 0, clicked: 0, openRate: null, clickRate: null, machineOnlyOpened: 0, machineOnlyClicked: 0 } };
const noLatency = { sentP50: null, sentP95: null, deliveredP50: null, deliveredP95: null };

describe.each(backends)('notification analytics on $name', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('counts real deliveries per channel: rates, errors, latency, hourly series and provider health, the same on every node', async () => {
    const sink: Sink = await startSink();
    const database = await freshDatabase(backend);
    cleanup.push(async () => {
      await sink.close();
      await database.handle.close();
      await database.drop();
    });
    const env = {
      PARLEY_POLL_MS: '50',
      PARLEY_RETRY_BASE_MS: '20',
      PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', name: 'hooks', url: sink.url, secret }] }),
      // One retryable failure opens the breaker, for long enough that it is still open when read.
      PARLEY_BREAKER_THRESHOLD: '1',
      PARLEY_BREAKER_COOLDOWN_SECONDS: '3600',
    };
    const parley = await startParley(backend, { database, env });
    cleanup.push(() => parley.close());

    // Nothing accepted yet: every channel is listed with zeros, no series, breakers closed.
    const empty = await analytics(parley);
    expect(empty.window.hours).toBe(24);
    expect(Date.parse(empty.window.to) - Date.parse(empty.window.from)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(Date.parse(empty.window.to) - Date.parse(empty.window.from)).toBeLessThanOrEqual(24 * 3_600_000);
    expect(Date.parse(empty.window.from) % 3_600_000).toBe(0);
    expect(empty.channels.map((c: any) => c.channel)).toEqual(['email', 'sms', 'push', 'in-app', 'webhook', 'whatsapp']);
    for (const c of empty.channels) expect(c).toEqual({ channel: c.channel, ...zero, latencyMs: noLatency });
    expect(empty.series).toEqual([]);
    expect(empty.providers).toEqual([
      { name: 'console', channel: 'email', configured: true, state: 'closed', consecutiveFailures: 0, trialAt: null, sent: 0, failedAttempts: 0 },
      { name: 'console', channel: 'sms', configured: true, state: 'closed', consecutiveFailures: 0, trialAt: null, sent: 0, failedAttempts: 0 },
      { name: 'console', channel: 'push', configured: true, state: 'closed', consecutiveFailures: 0, trialAt: null, sent: 0, failedAttempts: 0 },
      { name: 'hooks', channel: 'webhook', configured: true, state: 'closed', consecutiveFailures: 0, trialAt: null, sent: 0, failedAttempts: 0 },
      { name: 'console', channel: 'whatsapp', configured: true, state: 'closed', consecutiveFailures: 0, trialAt: null, sent: 0, failedAttempts: 0 },
    ]);

    // Webhooks the receiver takes; in-app items, two to a connected user (delivered) and one to a user who is not (sent).
    const sent = [webhook(), webhook(), webhook()];
    for (const r of sent) expect(await deliver(parley, r)).toMatchObject({ status: 'sent', provider: 'hooks' });
    const online = user('buyer');
    await parley.connect(online);
    for (let i = 0; i < 2; i++) expect(await deliver(parley, inApp(online), (d) => d.status === 'delivered')).toMatchObject({ status: 'delivered' });
    expect(await deliver(parley, inApp(user('offline')))).toMatchObject({ status: 'sent' });
    // Push to a user with no device: skipped.
    expect(await deliver(parley, push(user('no-device')))).toMatchObject({ status: 'skipped', errorCode: 'no_device' });
    // The receiver refuses two for good, then is down for one that has no retries: dead-lettered.
    sink.mode = 'reject';
    for (let i = 0; i < 2; i++) expect(await deliver(parley, webhook())).toMatchObject({ status: 'failed', errorCode: 'rejected', attempts: 1 });
    sink.mode = 'down';
    const dead = await deliver(parley, webhook(0));
    expect(dead).toMatchObject({ status: 'dead', errorCode: 'server_error', attempts: 1 });
    expect((await parley.request('GET', '/notifications/dead-letters?channel=webhook')).body.deadLetters.map((d: any) => d.logId)).toEqual([dead.logId]);

    const body = await analytics(parley);
    expect(channelOf(body, 'webhook')).toMatchObject({
      accepted: 6,
      pending: 0,
      attempted: 6,
      sent: 3,
      delivered: 0,
      failed: 2,
      deadLettered: 1,
      skipped: 0,
      cancelled: 0,
      sentRate: 0.5,
      deliveryRate: 0,
      errors: [
        { code: 'rejected', count: 2 },
        { code: 'server_error', count: 1 },
      ],
      skipReasons: [],
    });
    expect(channelOf(body, 'in-app')).toMatchObject({ accepted: 3, pending: 0, attempted: 3, sent: 3, delivered: 2, failed: 0, deadLettered: 0, skipped: 0, sentRate: 1, deliveryRate: 0.6667, errors: [] });
    expect(channelOf(body, 'push')).toMatchObject({ accepted: 1, attempted: 0, sent: 0, skipped: 1, sentRate: null, deliveryRate: null, skipReasons: [{ code: 'no_device', count: 1 }] });
    expect(channelOf(body, 'push').latencyMs).toEqual(noLatency);
    for (const channel of ['email', 'sms']) expect(channelOf(body, channel)).toEqual({ channel, ...zero, latencyMs: noLatency });

    // Latencies exist where something was sent (or delivered), and are ordered; their values are the clock's.
    const hooks = channelOf(body, 'webhook').latencyMs;
    expect(hooks.deliveredP50).toBeNull();
    expect(hooks.deliveredP95).toBeNull();
    expect(hooks.sentP50).toBeGreaterThanOrEqual(0);
    expect(hooks.sentP95).toBeGreaterThanOrEqual(hooks.sentP50);
    const feed = channelOf(body, 'in-app').latencyMs;
    expect(feed.sentP50).toBeGreaterThanOrEqual(0);
    expect(feed.sentP95).toBeGreaterThanOrEqual(feed.sentP50);
    expect(feed.deliveredP50).toBeGreaterThanOrEqual(0);
    expect(feed.deliveredP95).toBeGreaterThanOrEqual(feed.deliveredP50);

    // The hourly series: every hour of the window for each channel with deliveries, adding up to the totals.
    const hours = [...new Set(body.series.map((p: any) => p.hour))] as string[];
    expect(hours).toHaveLength(24);
    expect(hours[0]).toBe(body.window.from);
    for (let i = 1; i < hours.length; i++) expect(Date.parse(hours[i]!) - Date.parse(hours[i - 1]!)).toBe(3_600_000);
    expect([...new Set(body.series.map((p: any) => p.channel))]).toEqual(['push', 'in-app', 'webhook']);
    expect(body.series).toHaveLength(24 * 3);
    expect(seriesTotals(body)).toEqual({
      push: { accepted: 1, sent: 0, delivered: 0, failed: 0, deadLettered: 0 },
      'in-app': { accepted: 3, sent: 3, delivered: 2, failed: 0, deadLettered: 0 },
      webhook: { accepted: 6, sent: 3, delivered: 0, failed: 2, deadLettered: 1 },
    });

    // Provider health: the breaker opened on the failure that dead-lettered; the counts come from the deliveries' history.
    const provider = providerOf(body, 'webhook', 'hooks');
    expect(provider).toMatchObject({ configured: true, state: 'open', consecutiveFailures: 1, sent: 3, failedAttempts: 3 });
    expect(Date.parse(provider.trialAt)).toBeGreaterThan(Date.parse(body.window.to));
    expect(providerOf(body, 'push', 'console')).toMatchObject({ state: 'closed', sent: 0, failedAttempts: 0 });

    // Another node on the same database (API only, no worker) gives the same figures; it has no breakers of its own.
    const api = await startParley(backend, { database, env: { ...env, PARLEY_ROLES: 'api' } });
    cleanup.push(() => api.close());
    const other = await analytics(api);
    expect(other.channels).toEqual(body.channels);
    // (Summed: an hour may begin between the two reads and shift the buckets.)
    expect(seriesTotals(other)).toEqual(seriesTotals(body));
    expect(other.providers.map((p: any) => ({ ...p, state: undefined, consecutiveFailures: undefined, trialAt: undefined }))).toEqual(
      body.providers.map((p: any) => ({ ...p, state: undefined, consecutiveFailures: undefined, trialAt: undefined })),
    );
    expect(other.providers.every((p: any) => p.state === null && p.consecutiveFailures === null && p.trialAt === null)).toBe(true);

    // The window is a range on acceptance time: a delivery accepted 30 hours ago counts in 48 hours, not in 24.
    const old = new Date(Date.now() - 30 * 3_600_000);
    await parley.db.updateTable('notification_logs').set({ created_at: old }).where('request_id', '=', sent[0]!.requestId).execute();
    expect(channelOf(await analytics(parley), 'webhook')).toMatchObject({ accepted: 5, sent: 2, sentRate: 0.4 });
    const wide = await analytics(parley, '?hours=48');
    expect(wide.window.hours).toBe(48);
    expect(channelOf(wide, 'webhook')).toMatchObject({ accepted: 6, sent: 3 });
    expect(wide.series).toHaveLength(48 * 3);
    const oldHour = new Date(Math.floor(old.getTime() / 3_600_000) * 3_600_000).toISOString();
    expect(wide.series.find((p: any) => p.hour === oldHour && p.channel === 'webhook')).toEqual({ hour: oldHour, channel: 'webhook', accepted: 1, sent: 1, delivered: 0, failed: 0, deadLettered: 0 });
    const narrow = await analytics(parley, '?hours=1');
    expect(narrow.window.hours).toBe(1);
    expect(narrow.series.every((p: any) => p.hour === narrow.window.from)).toBe(true);
  });

  it('is for operators only, and checks hours', async () => {
    const parley = await startParley(backend);
    cleanup.push(() => parley.close());

    for (const role of ['buyer', 'seller', 'moderator'] as const) {
      expectRefusal(await parley.request('GET', '/notifications/analytics', { as: user(role), role }), 403, 'operator_only');
    }
    // The API key acting for a user is that user, not the operator.
    expectRefusal(await parley.request('GET', '/notifications/analytics', { actingAs: user('buyer') }), 403, 'operator_only');
    // Access comes first: a non-operator learns nothing about what the endpoint accepts.
    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=abc', { as: user('buyer') }), 403, 'operator_only');
    expect((await parley.request('GET', '/notifications/analytics', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);

    const operator = await parley.request('GET', '/notifications/analytics?hours=720', { as: user('ops'), role: 'operator' });
    expect(operator.status).toBe(200);
    expect(operator.body.window.hours).toBe(720);
    expect((await analytics(parley)).window.hours).toBe(24);

    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=0'), 400, 'invalid_request');
    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=721'), 400, 'invalid_request');
    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=-3'), 400, 'invalid_request');
    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=abc'), 400, 'wrong_type');
    expectRefusal(await parley.request('GET', '/notifications/analytics?hours=1.5'), 400, 'wrong_type');
    expectRefusal(await parley.request('GET', '/notifications/analytics?days=7'), 400, 'unknown_field');

    // Documented, with what the rates mean.
    const openapi = await (await fetch(`${parley.url}/openapi.json`)).json();
    const get = openapi.paths['/notifications/analytics'].get;
    expect(get.summary).toContain('deliveryRate = delivered ÷ attempted');
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'hours', in: 'query', required: false })]);
  });
});
