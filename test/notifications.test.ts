import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { startParley, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** A literal in-app notification request for `userId`. */
function inApp(userId: string, extra: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    notificationType: 'transactional',
    channels: ['in-app'],
    recipient: { userId },
    message: { inAppMessage: { title: 'Order shipped', body: 'Your order #1042 is on its way.' } },
    ...extra,
  };
}

async function notificationRows(parley: TestParley): Promise<number> {
  const row = await parley.db.selectFrom('notification_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Polls GET /notifications/:id until every delivery satisfies `done`. */
async function settled(parley: TestParley, requestId: string, done = (d: any) => !['queued', 'standby', 'sending'].includes(d.status), timeoutMs = 8_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await parley.request('GET', `/notifications/${requestId}`);
    expect(status).toBe(200);
    if (body.deliveries.every(done)) return body;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(body.deliveries)}`);
    await sleep(25);
  }
}

describe.each(backends)('notifications on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, {
      env: {
        PARLEY_POLL_MS: '50',
        PARLEY_RETRY_BASE_MS: '20',
        PARLEY_NOTIFICATION_TYPES: JSON.stringify({ systemAlert: { strategy: 'fallback', fallbackAfterSeconds: 1 } }),
      },
    });
  });
  afterAll(async () => {
    await parley?.close();
  });

  describe('accept', () => {
    it('accepts durably, delivers to the in-app feed and the socket, and reports status per channel', async () => {
      const buyer = user('buyer');
      const socket = await parley.connect(buyer);
      const request = inApp(buyer);
      const { status, body } = await parley.request('POST', '/notifications', { body: request });
      expect(status).toBe(202);
      expect(body).toMatchObject({ requestId: request.requestId, status: 'accepted', deliveries: [{ channel: 'in-app' }] });
      const stored = await parley.db.selectFrom('notification_logs').selectAll().where('request_id', '=', request.requestId).execute();
      expect(stored).toHaveLength(1);

      const event = await socket.next((e) => e.type === 'notification.created');
      expect(event.notification).toMatchObject({ logId: body.deliveries[0].logId, title: 'Order shipped', body: 'Your order #1042 is on its way.', readAt: null });
      const state = await settled(parley, request.requestId, (d) => d.status === 'delivered');
      expect(state.deliveries[0]).toMatchObject({ channel: 'in-app', status: 'delivered', provider: 'in-app', attempts: 1 });
      expect(state.deliveries[0].history.map((h: any) => h.status)).toEqual(['sent']);

      const feed = await parley.request('GET', '/me/notifications', { as: buyer });
      expect(feed.status).toBe(200);
      expect(feed.body.unread).toBe(1);
      expect(feed.body.notifications).toEqual([expect.objectContaining({ logId: body.deliveries[0].logId, title: 'Order shipped' })]);
    });

    it('writes an in-app item the user takes as sent at acceptance, with no queue row; a scheduled one waits in the queue', async () => {
      const buyer = user('buyer');
      const now = await parley.request('POST', '/notifications', { body: inApp(buyer) });
      const later = await parley.request('POST', '/notifications', { body: inApp(buyer, { schedule: { sendAt: new Date(Date.now() + 3_600_000).toISOString() } }) });
      expect([now.status, later.status]).toEqual([202, 202]);
      const [sentId, laterId] = [now.body.deliveries[0].logId, later.body.deliveries[0].logId];
      const rows = await parley.db.selectFrom('notification_logs').select(['log_id', 'status', 'provider', 'attempts']).where('log_id', 'in', [sentId, laterId]).execute();
      expect(rows.find((r) => r.log_id === sentId)).toMatchObject({ status: 'sent', provider: 'in-app', attempts: 1 });
      expect(rows.find((r) => r.log_id === laterId)).toMatchObject({ status: 'queued', provider: null, attempts: 0 });
      const queued = await sql<{ log_id: string }>`SELECT log_id FROM notification_queue WHERE log_id IN (${sentId}, ${laterId})`.execute(parley.db);
      expect(queued.rows.map((r) => r.log_id)).toEqual([laterId]);
    });

    it('answers a repeated request with the first answer, and refuses a different body under a used requestId', async () => {
      const request = inApp(user('buyer'));
      const first = await parley.request('POST', '/notifications', { body: request });
      const again = await parley.request('POST', '/notifications', { body: request });
      expect(again.status).toBe(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const before = await notificationRows(parley);
      const changed = await parley.request('POST', '/notifications', { body: { ...request, message: { body: 'something else' } } });
      expect(changed.status).toBe(409);
      expect(changed.body.error.code).toBe('request_id_reused');
      const moreChannels = await parley.request('POST', '/notifications', {
        body: { ...request, channels: ['in-app', 'email'], recipient: { ...request.recipient, email: 'a@example.com' }, message: { subject: 'Shipped', body: 'On its way.' } },
      });
      expect(moreChannels.status).toBe(409);
      expect(await notificationRows(parley)).toBe(before);
    });

    it('accepts concurrent requests together, and the same request sent twice at once only once', async () => {
      const buyer = user('buyer');
      const requests = Array.from({ length: 30 }, () => inApp(buyer));
      const twice = inApp(buyer);
      const answers = await Promise.all([...requests, twice, twice].map((body) => parley.request('POST', '/notifications', { body })));
      expect(answers.map((a) => a.status)).toEqual(Array(32).fill(202));
      expect(answers[30]!.body).toEqual(answers[31]!.body);
      expect([answers[30]!.headers.get('idempotent-replayed'), answers[31]!.headers.get('idempotent-replayed')].sort()).toEqual(['true', null].sort());
      const rows = await parley.db.selectFrom('notification_logs').select('request_id').where('user_id', '=', buyer).execute();
      expect(rows).toHaveLength(31);
    });

    it('takes a batch larger than the body limit of single requests', async () => {
      const notifications = Array.from({ length: 1000 }, () => ({ ...inApp(user('buyer')), message: { subject: 'Your order has shipped', body: 'x'.repeat(300) } }));
      const res = await parley.request('POST', '/notifications/batch', { body: { notifications } });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(1000);
    });

    it('refuses bad input with a code and a sentence, writing nothing', async () => {
      const buyer = user('buyer');
      const cases: [unknown, number, string][] = [
        [{ ...inApp(buyer), channels: ['pigeon'] }, 400, 'invalid_value'],
        [{ ...inApp(buyer), channels: [] }, 400, 'invalid_request'],
        [{ ...inApp(buyer), requestId: 'not-a-uuid' }, 400, 'invalid_format'],
        [{ ...inApp(buyer), channels: ['email'], message: { subject: 'Hi', body: 'There' } }, 400, 'missing_address'],
        [{ ...inApp(buyer), channels: ['sms'], message: { smsText: 'Hi' } }, 400, 'missing_address'],
        [{ ...inApp(buyer), channels: ['email'], recipient: { userId: buyer, email: 'b@example.com' }, message: { body: 'no subject' } }, 400, 'missing_content'],
        [{ ...inApp(buyer), schedule: { sendAt: '2020-01-01T00:00:00Z' } }, 400, 'send_at_in_past'],
        [{ ...inApp(buyer), schedule: { sendAt: 'tomorrow' } }, 400, 'invalid_format'],
        [{ ...inApp(buyer), message: { template: { key: 'no-such-template' } } }, 400, 'unknown_template'],
        [{ ...inApp(buyer), message: { body: 'x', template: { key: 'order_shipped' } } }, 400, 'ambiguous_content'],
        [{ ...inApp(buyer), recipient: { userId: buyer, phoneNumber: '555-1234' } }, 400, 'invalid_request'],
        [{ ...inApp(buyer), metadata: { priority: 'urgent' } }, 400, 'invalid_value'],
        [{ ...inApp(buyer), surprise: true }, 400, 'unknown_field'],
      ];
      const before = await notificationRows(parley);
      for (const [body, status, code] of cases) {
        const res = await parley.request('POST', '/notifications', { body });
        expect({ status: res.status, code: res.body.error?.code }, JSON.stringify(body)).toEqual({ status, code });
        expect(res.body.error.message.length).toBeGreaterThan(10);
      }
      const huge = await parley.request('POST', '/notifications', { body: { ...inApp(buyer), message: { body: 'x'.repeat(300 * 1024) } } });
      expect(huge.status).toBe(413);
      expect(await notificationRows(parley)).toBe(before);
    });

    it('lets only the backend send, and shows a notification to its recipient and operators only', async () => {
      const buyer = user('buyer');
      const asUser = await parley.request('POST', '/notifications', { as: buyer, body: inApp(buyer) });
      expect(asUser.status).toBe(403);
      expect(asUser.body.error.code).toBe('operator_only');
      const request = inApp(buyer);
      await parley.request('POST', '/notifications', { body: request });
      expect((await parley.request('GET', `/notifications/${request.requestId}`, { as: buyer })).status).toBe(200);
      expect((await parley.request('GET', `/notifications/${request.requestId}`, { as: user('stranger') })).status).toBe(404);
      expect((await parley.request('GET', `/notifications/${randomUUID()}`)).status).toBe(404);
      for (const path of ['/notifications/dead-letters', '/templates']) {
        expect((await parley.request('GET', path, { as: buyer })).status).toBe(403);
      }
      expect((await parley.request('POST', '/notifications/dead-letters/replay', { as: buyer, body: { logIds: [randomUUID()] } })).status).toBe(403);
    });

    it('accepts a batch in one go, reports reused ids per item, and refuses a batch with an invalid item whole', async () => {
      const used = inApp(user('buyer'));
      await parley.request('POST', '/notifications', { body: used });
      const fresh = [inApp(user('buyer')), inApp(user('buyer'))];
      const batch = await parley.request('POST', '/notifications/batch', { body: { notifications: [...fresh, used, { ...used, requestId: used.requestId, message: { body: 'changed' } }].slice(0, 3) } });
      expect(batch.status).toBe(202);
      expect(batch.body.accepted).toBe(3);
      expect(batch.body.results.map((r: any) => r.requestId)).toEqual([fresh[0]!.requestId, fresh[1]!.requestId, used.requestId]);
      const conflicting = await parley.request('POST', '/notifications/batch', { body: { notifications: [inApp(user('buyer')), { ...used, message: { body: 'changed' } }] } });
      expect(conflicting.status).toBe(202);
      expect(conflicting.body.results.map((r: any) => r.status)).toEqual(['accepted', 'conflict']);

      const before = await notificationRows(parley);
      const invalidBatch = await parley.request('POST', '/notifications/batch', {
        body: { notifications: [inApp(user('buyer')), { ...inApp(user('buyer')), channels: ['email'] }] },
      });
      expect(invalidBatch.status).toBe(400);
      expect(invalidBatch.body.error.code).toBe('invalid_batch');
      expect(invalidBatch.body.error.details.items).toEqual([expect.objectContaining({ index: 1, code: 'missing_address' })]);
      expect(await notificationRows(parley)).toBe(before);
      const tooMany = await parley.request('POST', '/notifications/batch', { body: { notifications: Array.from({ length: 1001 }, () => inApp('u')) } });
      expect(tooMany.status).toBe(400);
    });

    it('holds a scheduled notification until sendAt', async () => {
      const sendAt = new Date(Date.now() + 1_500).toISOString();
      const request = inApp(user('buyer'), { schedule: { sendAt } });
      await parley.request('POST', '/notifications', { body: request });
      await sleep(400);
      const early = await parley.request('GET', `/notifications/${request.requestId}`);
      expect(early.body.deliveries[0].status).toBe('queued');
      const done = await settled(parley, request.requestId);
      expect(done.deliveries[0].status).toBe('sent');
      expect(Date.parse(done.deliveries[0].history[0].at)).toBeGreaterThanOrEqual(Date.parse(sendAt) - 50);
    });
  });

  describe('preferences', () => {
    it('lets users edit their own and refuses strangers', async () => {
      const buyer = user('buyer');
      const body = {
        preferences: {
          channels: { promotional: ['email', 'in-app'] },
          doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'America/New_York' },
          dailyLimits: { promotionalLimit: 2 },
          optOut: { sms: true },
        },
      };
      const put = await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body });
      expect(put.status).toBe(200);
      expect(put.body.preferences).toMatchObject({ ...body.preferences, dailyLimits: { promotionalLimit: 2, promotionalSentToday: 0 }, optOut: { email: false, sms: true, push: false, inApp: false } });
      expect((await parley.request('GET', `/users/${buyer}/preferences`, { as: user('stranger') })).status).toBe(403);
      expect((await parley.request('PUT', `/users/${buyer}/preferences`, { as: user('stranger'), body })).status).toBe(403);
      expect((await parley.request('GET', `/users/${buyer}/preferences`)).status).toBe(200);
      const badZone = await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Mars/Olympus' } } } });
      expect(badZone.status).toBe(400);
      expect(badZone.body.error.code).toBe('invalid_timezone');
      const badTime = await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { doNotDisturb: { enabled: true, startTime: '25:00', endTime: '07:00', timezone: 'UTC' } } } });
      expect(badTime.status).toBe(400);
    });

    it('registers and removes devices for their owner only', async () => {
      const buyer = user('buyer');
      const device = { deviceId: 'phone-1', token: 'fcm-token-abc', platform: 'android' };
      expect((await parley.request('POST', `/users/${buyer}/devices`, { as: buyer, body: device })).status).toBe(201);
      expect((await parley.request('POST', `/users/${buyer}/devices`, { as: buyer, body: { ...device, token: 'fcm-token-new' } })).status).toBe(200);
      expect((await parley.request('POST', `/users/${buyer}/devices`, { as: user('stranger'), body: device })).status).toBe(403);
      expect((await parley.request('DELETE', `/users/${buyer}/devices/phone-1`, { as: user('stranger') })).status).toBe(403);
      const web = await parley.request('POST', `/users/${buyer}/devices`, { as: buyer, body: { deviceId: 'browser', token: 'not json', platform: 'web' } });
      expect(web.body.error.code).toBe('invalid_device_token');
      const prefs = await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
      expect(prefs.body.deviceTokens).toEqual([expect.objectContaining({ deviceId: 'phone-1', token: 'fcm-token-new', platform: 'android' })]);
      expect((await parley.request('DELETE', `/users/${buyer}/devices/phone-1`, { as: buyer })).status).toBe(204);
      expect((await parley.request('DELETE', `/users/${buyer}/devices/phone-1`, { as: buyer })).status).toBe(404);
    });

    it('skips an opted-out channel with the reason on record', async () => {
      const buyer = user('buyer');
      await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { optOut: { inApp: true } } } });
      const request = inApp(buyer);
      await parley.request('POST', '/notifications', { body: request });
      const done = await settled(parley, request.requestId);
      expect(done.deliveries[0]).toMatchObject({ status: 'skipped', errorCode: 'opted_out' });
      expect(done.deliveries[0].history).toEqual([expect.objectContaining({ status: 'skipped', code: 'opted_out' })]);
    });

    it('holds promotions for quiet hours in the user’s timezone, and lets transactional messages through', async () => {
      const buyer = user('buyer');
      // A do-not-disturb window that is open now, whatever the time of the run: from a minute ago for two hours, in Tokyo.
      const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      const hhmm = (d: Date) => tokyo.format(d);
      const start = hhmm(new Date(Date.now() - 60_000));
      const end = hhmm(new Date(Date.now() + 2 * 3600_000));
      await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { doNotDisturb: { enabled: true, startTime: start, endTime: end, timezone: 'Asia/Tokyo' } } } });
      const promo = inApp(buyer, { notificationType: 'promotional' });
      const order = inApp(buyer);
      await parley.request('POST', '/notifications', { body: promo });
      await parley.request('POST', '/notifications', { body: order });
      const held = await settled(parley, promo.requestId, (d) => d.history.some((h: any) => h.status === 'deferred'));
      expect(held.deliveries[0].status).toBe('queued');
      const wait = Date.parse(held.deliveries[0].nextAttemptAt) - Date.now();
      expect(wait).toBeGreaterThan(2 * 3600_000 - 120_000);
      expect(wait).toBeLessThanOrEqual(2 * 3600_000);
      expect((await settled(parley, order.requestId)).deliveries[0].status).toBe('sent');
    });

    it('skips promotions over the daily limit, counting a notification once across its channels', async () => {
      const buyer = user('buyer');
      await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { dailyLimits: { promotionalLimit: 1 } } } });
      const first = inApp(buyer, { notificationType: 'promotional', channels: ['in-app', 'email'], recipient: { userId: buyer, email: 'buyer@example.com' }, message: { subject: 'Sale', body: 'All shoes 20% off' } });
      await parley.request('POST', '/notifications', { body: first });
      const a = await settled(parley, first.requestId);
      expect(a.deliveries.map((d: any) => d.status)).toEqual(['sent', 'sent']);
      const second = inApp(buyer, { notificationType: 'promotional' });
      await parley.request('POST', '/notifications', { body: second });
      const b = await settled(parley, second.requestId);
      expect(b.deliveries[0]).toMatchObject({ status: 'skipped', errorCode: 'daily_limit_reached' });
      const prefs = await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
      expect(prefs.body.preferences.dailyLimits).toMatchObject({ promotionalLimit: 1, promotionalSentToday: 1 });
      const transactional = inApp(buyer);
      await parley.request('POST', '/notifications', { body: transactional });
      expect((await settled(parley, transactional.requestId)).deliveries[0].status).toBe('sent');
    });

    it('takes a preference change into account at once', async () => {
      const buyer = user('buyer');
      await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
      const before = inApp(buyer);
      await parley.request('POST', '/notifications', { body: before });
      await settled(parley, before.requestId);
      await parley.request('PUT', `/users/${buyer}/preferences`, { as: buyer, body: { preferences: { channels: { transactional: ['email'] } } } });
      const after = inApp(buyer);
      await parley.request('POST', '/notifications', { body: after });
      expect((await settled(parley, after.requestId)).deliveries[0]).toMatchObject({ status: 'skipped', errorCode: 'channel_not_preferred' });
    });
  });

  describe('templates', () => {
    it('refuses a broken template with the reason, renders a preview, and sends in the best locale', async () => {
      const key = `order_shipped_${randomUUID().slice(0, 6)}`;
      const broken = await parley.request('POST', '/templates', { body: { key, channel: 'in-app', content: { title: 'Shipped {{ order.id', body: 'x' } } });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('invalid_template');
      expect(broken.body.error.details.field).toBe('title');
      const unknownFilter = await parley.request('POST', '/templates', { body: { key, channel: 'in-app', content: { title: '{{ name | shout }}', body: 'x' } } });
      expect(unknownFilter.body.error.code).toBe('invalid_template');
      const missingField = await parley.request('POST', '/templates', { body: { key, channel: 'email', content: { subject: 'x' } } });
      expect(missingField.body.error.code).toBe('invalid_template');
      const sampleFails = await parley.request('POST', '/templates', { body: { key, channel: 'in-app', content: { title: 'Hi {{ name }}', body: 'x' }, sampleData: {} } });
      expect(sampleFails.body.error.code).toBe('template_render_failed');

      const en = await parley.request('POST', '/templates', { body: { key, channel: 'in-app', content: { title: 'Order {{ orderId }} shipped', body: 'Hello {{ name }}' } } });
      expect(en.status).toBe(201);
      const fr = await parley.request('POST', '/templates', { body: { key, channel: 'in-app', locale: 'fr', content: { title: 'Commande {{ orderId }} expédiée', body: 'Bonjour {{ name }}' } } });
      expect(fr.status).toBe(201);
      expect((await parley.request('POST', '/templates', { body: { key, channel: 'in-app', locale: 'fr', content: { title: 'x', body: 'y' } } })).status).toBe(409);

      const preview = await parley.request('POST', '/templates/preview', { body: { templateId: fr.body.templateId, data: { orderId: 'A-1', name: 'Zoé' } } });
      expect(preview.body.rendered).toEqual({ title: 'Commande A-1 expédiée', body: 'Bonjour Zoé' });
      const html = await parley.request('POST', '/templates/preview', { body: { channel: 'email', content: { subject: 'Hi {{ name }}', html: '<p>{{ name }}</p>' }, data: { name: '<script>x</script>' } } });
      expect(html.body.rendered).toEqual({ subject: 'Hi <script>x</script>', html: '<p>&lt;script&gt;x&lt;/script&gt;</p>' });

      const buyer = user('buyer');
      const canadian = inApp(buyer, { message: { template: { key, locale: 'fr-CA', data: { orderId: 'A-2', name: 'Luc' } } } });
      const german = inApp(buyer, { message: { template: { key, locale: 'de', data: { orderId: 'A-3', name: 'Jan' } } } });
      for (const r of [canadian, german]) expect((await parley.request('POST', '/notifications', { body: r })).status).toBe(202);
      await settled(parley, canadian.requestId);
      await settled(parley, german.requestId);
      const feed = await parley.request('GET', '/me/notifications', { as: buyer });
      expect(feed.body.notifications.map((n: any) => n.title).sort()).toEqual(['Commande A-2 expédiée', 'Order A-3 shipped']);
    });

    it('fails a delivery whose data does not fit the template, for good and with the reason', async () => {
      const key = `welcome_${randomUUID().slice(0, 6)}`;
      await parley.request('POST', '/templates', { body: { key, channel: 'in-app', content: { title: 'Welcome {{ name }}', body: 'Your shop {{ shop.name }} is live' } } });
      const request = inApp(user('seller'), { message: { template: { key, data: { name: 'Ada' } } } });
      await parley.request('POST', '/notifications', { body: request });
      const done = await settled(parley, request.requestId);
      expect(done.deliveries[0]).toMatchObject({ status: 'failed', errorCode: 'template_error', attempts: 1 });
      expect(done.deliveries[0].errorMessage).toMatch(/shop/);
    });
  });

  describe('in-app feed', () => {
    it('marks read and seen, counts unread, and keeps users to their own items', async () => {
      const buyer = user('buyer');
      const requests = [inApp(buyer), inApp(buyer), inApp(buyer)];
      for (const r of requests) await parley.request('POST', '/notifications', { body: r });
      for (const r of requests) await settled(parley, r.requestId);
      const feed = await parley.request('GET', '/me/notifications?limit=2', { as: buyer });
      expect(feed.body.notifications).toHaveLength(2);
      expect(feed.body.unread).toBe(3);
      const rest = await parley.request('GET', `/me/notifications?limit=2&cursor=${feed.body.nextCursor}`, { as: buyer });
      expect(rest.body.notifications).toHaveLength(1);
      expect(rest.body.nextCursor).toBeNull();
      const ids = [...feed.body.notifications, ...rest.body.notifications].map((n: any) => n.logId);

      const socket = await parley.connect(buyer);
      const stranger = user('stranger');
      expect((await parley.request('POST', '/me/notifications/read', { as: stranger, body: { logIds: [ids[0]] } })).status).toBe(404);
      expect((await parley.request('POST', `/me/notifications/${ids[0]}/click`, { as: stranger })).status).toBe(404);
      const read = await parley.request('POST', '/me/notifications/read', { as: buyer, body: { logIds: [ids[0]] } });
      expect(read.body).toEqual({ marked: 1, unread: 2 });
      expect((await socket.next((e) => e.type === 'notifications.unread')).unread).toBe(2);
      const seen = await parley.request('POST', '/me/notifications/seen', { as: buyer, body: { all: true } });
      expect(seen.body.marked).toBe(2);
      expect((await parley.request('GET', '/me/notifications/unread-count', { as: buyer })).body.unread).toBe(2);
      await parley.request('POST', `/me/notifications/${ids[1]}/click`, { as: buyer });
      const status = await parley.request('GET', `/notifications/${(await parley.request('GET', '/me/notifications', { as: buyer })).body.notifications.find((n: any) => n.logId === ids[1]).requestId}`);
      expect(status.body.deliveries[0].status).toBe('clicked');
      expect((await parley.request('GET', '/me/notifications?unread=true', { as: buyer })).body.notifications).toHaveLength(1);
      expect((await parley.request('GET', '/me/notifications', { as: stranger })).body.notifications).toEqual([]);
    });
  });

  describe('channel fallback', () => {
    it('sends the next channel when the first is not delivered in time, and not when it is', async () => {
      // systemAlert is configured above as: in the request's order, the next after 1 s.
      const offline = user('buyer');
      const alert = (userId: string) => ({
        ...inApp(userId),
        notificationType: 'systemAlert',
        channels: ['in-app', 'email'],
        recipient: { userId, email: `${userId}@example.com` },
        message: { subject: 'New sign-in', body: 'A new device signed in to your account.' },
      });
      const unseen = alert(offline);
      await parley.request('POST', '/notifications', { body: unseen });
      const first = await settled(parley, unseen.requestId, (d) => d.channel === 'email' ? d.status === 'sent' : true);
      expect(first.deliveries.map((d: any) => [d.channel, d.status])).toEqual([['in-app', 'sent'], ['email', 'sent']]);

      const online = user('buyer');
      const socket = await parley.connect(online);
      const seen = alert(online);
      await parley.request('POST', '/notifications', { body: seen });
      await socket.next((e) => e.type === 'notification.created');
      const second = await settled(parley, seen.requestId);
      expect(second.deliveries.map((d: any) => [d.channel, d.status])).toEqual([['in-app', 'delivered'], ['email', 'skipped']]);
      expect(second.deliveries[1].errorCode).toBe('earlier_channel_delivered');
    });
  });

  describe('API description', () => {
    it('documents the notification endpoints in the OpenAPI document', async () => {
      const res = await fetch(`${parley.url}/openapi.json`);
      expect(res.status).toBe(200);
      const paths = Object.keys((await res.json()).paths);
      for (const path of ['/notifications', '/notifications/batch', '/notifications/{requestId}', '/notifications/dead-letters', '/me/notifications', '/users/{userId}/preferences', '/users/{userId}/devices', '/templates', '/templates/preview', '/callbacks/sendgrid/{provider}', '/metrics']) {
        expect(paths).toContain(path);
      }
    });

    it('describes every notification operation: its id, tags, summary, exact statuses and authentication', async () => {
      const doc = await (await fetch(`${parley.url}/openapi.json`)).json();
      const ours = /^\/(notifications|me\/notifications|users\/\{userId\}\/(preferences|devices)|templates|callbacks)/;
      const operations: Record<string, { operationId?: string; tags?: string[]; summary?: string; responses: Record<string, unknown>; security?: unknown[] }> = {};
      for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, (typeof operations)[string]>>)) {
        if (!ours.test(path)) continue;
        for (const [method, operation] of Object.entries(methods)) operations[`${method.toUpperCase()} ${path}`] = operation;
      }
      expect(Object.keys(operations).length).toBeGreaterThanOrEqual(23);
      const ids = Object.values(operations).map((o) => o.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [name, operation] of Object.entries(operations)) {
        expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
        expect(operation.tags?.length, name).toBeGreaterThan(0);
        expect(operation.summary, name).toBeTruthy();
        expect(Object.keys(operation.responses), name).toContain('400');
      }
      const statuses = (name: string) => Object.keys(operations[name]!.responses);
      expect(statuses('POST /notifications')).toContain('202');
      expect(statuses('POST /notifications')).not.toContain('200');
      expect(statuses('POST /notifications/batch')).toContain('202');
      expect(statuses('POST /templates')).toContain('201');
      expect(statuses('DELETE /templates/{templateId}')).toContain('204');
      expect(statuses('POST /users/{userId}/devices')).toEqual(expect.arrayContaining(['200', '201']));
      expect(statuses('DELETE /users/{userId}/devices/{deviceId}')).toContain('204');
      // Provider callbacks take the provider's signature, not a bearer token.
      for (const name of ['POST /callbacks/sendgrid/{provider}', 'POST /callbacks/twilio/{provider}']) {
        expect(operations[name]!.security, name).toEqual([]);
        expect(statuses(name)).toContain('401');
      }
    });
  });

  describe('metrics', () => {
    it('exports counters and histograms in Prometheus format', async () => {
      const res = await fetch(`${parley.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/parley_notifications_accepted_total\{channel="in-app"\} \d+/);
      expect(text).toMatch(/parley_notifications_sent_total\{channel="in-app",provider="in-app"\} \d+/);
      expect(text).toMatch(/parley_notification_accepted_to_sent_seconds_bucket\{le="0.5",channel="in-app"\} \d+/);
      expect(text).toMatch(/parley_notification_queue_depth\{state="due"\} \d+/);
      expect(text).toMatch(/parley_notifications_skipped_total\{channel="in-app",reason="opted_out"\} 1/);
    });
  });
});

describe('metrics behind a token', () => {
  it('asks for the bearer token when PARLEY_METRICS_TOKEN is set', async () => {
    const parley = await startParley(backends[0]!, { env: { PARLEY_METRICS_TOKEN: 'metrics-token-0123456789' } });
    try {
      expect((await fetch(`${parley.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${parley.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      expect((await fetch(`${parley.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200);
    } finally {
      await parley.close();
    }
  });
});
