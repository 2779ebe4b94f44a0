import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestRequestId } from '../src/notifications/digests/digest-schedule.ts';
import { backends, realServices } from './support/backends.ts';
import { placeOrder, quietJobs, runJob } from './support/marketplace.ts';
import { eventually, freshDatabase, processEnv, sendMessage, startParley, startParleyProcess, type TestDatabase, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
/** Promotions are gathered daily at 18:00 (the user's time) unless a user chooses otherwise. */
const TYPES = JSON.stringify({ promotional: { digest: { dailyAt: '18:00' } } });
const HOUR = 3_600_000;

function promotion(userId: string, n: number, channels: string[] = ['email']) {
  return {
    requestId: randomUUID(),
    notificationType: 'promotional',
    channels,
    recipient: { userId, email: `${userId}@example.com` },
    message: { subject: `Offer ${n}`, body: `Mugs ${n}0% off this week.` },
  };
}

async function status(parley: TestParley, requestId: string, channel = 'email') {
  const { body } = await parley.request('GET', `/notifications/${requestId}`);
  return body.deliveries.find((d: any) => d.channel === channel);
}

async function collected(parley: TestParley, requestIds: string[]) {
  for (const id of requestIds) await eventually(async () => (await status(parley, id))?.errorCode === 'digested', `delivery of ${id} collected`);
}

const items = (parley: TestParley, userId: string) =>
  parley.db.selectFrom('digest_items').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
const logsOf = (parley: TestParley, requestId: string) => parley.db.selectFrom('notification_logs').selectAll().where('request_id', '=', requestId).execute();

describe.each(backends)('digests on $name', (backend) => {
  let parley: TestParley;
  let database: TestDatabase;
  const digests = () => parley.app.parley.digests;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    parley = await startParley(backend, {
      database,
      env: { ...quietJobs, PARLEY_POLL_MS: '50', PARLEY_NOTIFICATION_TYPES: TYPES, PARLEY_DIGEST_CHECK_MS: '3600000', PARLEY_UNREAD_REMINDER_SECONDS: '600', PARLEY_REPLY_DOMAIN: 'reply.example.com', PARLEY_REPLY_SMTP_PORT: '0', PARLEY_REPLY_SMTP_HOST: '127.0.0.1' },
    });
  });
  afterAll(async () => {
    await parley?.close();
    await database?.handle.close();
    await database?.drop();
  });

  it('collects an hourly digest and sends one message from all its items when the hour is over, once', async () => {
    const user = uid('buyer');
    expect((await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { promotional: { mode: 'hourly' } } } } })).status).toBe(200);
    const before = Date.now();
    const requests = [promotion(user, 1), promotion(user, 2), promotion(user, 3, ['email', 'in-app'])];
    for (const r of requests) expect((await parley.request('POST', '/notifications', { body: r })).status).toBe(202);
    await collected(parley, requests.map((r) => r.requestId));
    // In-app is not gathered: it is in the feed at once.
    expect((await status(parley, requests[2]!.requestId, 'in-app')).status).toMatch(/sent|delivered/);

    const rows = await items(parley, user);
    expect(rows).toHaveLength(3);
    const end = new Date(rows[0]!.window_end as Date);
    expect(end.getTime() % HOUR).toBe(0);
    expect(end.getTime()).toBeGreaterThan(before);
    expect(end.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(rows.every((r) => new Date(r.window_end as Date).getTime() === end.getTime())).toBe(true);

    // Not before the window closes.
    expect(await digests().sendDue(new Date(end.getTime() - 1))).toBe(0);
    expect(await digests().sendDue(end)).toBe(1);
    const requestId = digestRequestId({ userId: user, key: 'promotional', end });
    const [digest] = await logsOf(parley, requestId);
    expect(digest).toMatchObject({ user_id: user, channel: 'email', notification_type: 'promotional' });
    const fields = (digest!.content as any).fields;
    expect(fields.subject).toBe('Your digest: 3 notifications');
    for (const n of [1, 2, 3]) expect(fields.text).toContain(`- Offer ${n}\n  Mugs ${n}0% off this week.`);
    expect((digest!.recipient as any).email).toBe(`${user}@example.com`);
    expect((await items(parley, user)).every((r) => r.digest_request_id === requestId)).toBe(true);

    // Again, later: nothing more goes out for that window.
    expect(await digests().sendDue(new Date(end.getTime() + 5 * 60_000))).toBe(0);
    expect(await logsOf(parley, requestId)).toHaveLength(1);
    // The digest itself is sent, not gathered again.
    await eventually(async () => (await status(parley, requestId))?.status === 'sent', 'the digest sent');
  });

  it("gathers a type's daily digest at 18:00 in the user's timezone; a user who chose off gets each at once", async () => {
    const tokyo = uid('buyer');
    const off = uid('buyer');
    await parley.request('PUT', `/users/${tokyo}/preferences`, { as: tokyo, body: { preferences: { digests: { timezone: 'Asia/Tokyo' } } } });
    await parley.request('PUT', `/users/${off}/preferences`, { as: off, body: { preferences: { digests: { promotional: { mode: 'off' } } } } });
    const first = promotion(tokyo, 4);
    const second = promotion(tokyo, 5);
    const direct = promotion(off, 6);
    for (const r of [first, second, direct]) await parley.request('POST', '/notifications', { body: r });
    await collected(parley, [first.requestId, second.requestId]);
    await eventually(async () => (await status(parley, direct.requestId))?.status === 'sent', 'the promotion of a user without a digest sent');
    expect(await items(parley, off)).toHaveLength(0);

    const rows = await items(parley, tokyo);
    const end = new Date(rows[0]!.window_end as Date);
    // 18:00 in Tokyo (UTC+9, no daylight saving) is 09:00 UTC, within the next day.
    expect(end.getUTCHours()).toBe(9);
    expect(end.getTime() % 60_000).toBe(0);
    expect(rows.map((r) => new Date(r.window_end as Date).getTime())).toEqual([end.getTime(), end.getTime()]);
    expect(end.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);
    expect(await digests().sendDue(new Date(end.getTime() - 60_000))).toBe(0);
    expect(await digests().sendDue(end)).toBe(1);
    const [digest] = await logsOf(parley, digestRequestId({ userId: tokyo, key: 'promotional', end }));
    expect((digest!.content as any).fields.subject).toBe('Your digest: 2 notifications');
  });

  it('renders with the operator template for the digest when there is one', async () => {
    const user = uid('buyer');
    await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { promotional: { mode: 'hourly' } } } } });
    const created = await parley.request('POST', '/templates', {
      body: { key: 'digest.promotional', channel: 'email', locale: 'en', content: { subject: '{{ count }} offers for you', text: '{% for item in items %}[{{ item.title }}]{% endfor %}' } },
    });
    expect(created.status).toBe(201);
    try {
      const requests = [promotion(user, 7), promotion(user, 8)];
      for (const r of requests) await parley.request('POST', '/notifications', { body: r });
      await collected(parley, requests.map((r) => r.requestId));
      const end = new Date((await items(parley, user))[0]!.window_end as Date);
      expect(await digests().sendDue(end)).toBe(1);
      const [digest] = await logsOf(parley, digestRequestId({ userId: user, key: 'promotional', end }));
      expect((digest!.content as any).fields).toMatchObject({ subject: '2 offers for you', text: '[Offer 7][Offer 8]' });
    } finally {
      await parley.request('DELETE', `/templates/${created.body.templateId}`);
    }
  });

  it('sends each window exactly once when two workers send at the same time', async () => {
    // A second node on the same database, with its own digests service.
    const second = await startParley(backend, { database, env: { ...quietJobs, PARLEY_ROLES: 'api', PARLEY_NOTIFICATION_TYPES: TYPES, PARLEY_DIGEST_CHECK_MS: '3600000' } });
    const other = second.app.parley.digests;
    try {
      const users = Array.from({ length: 12 }, () => uid('buyer'));
      const all: string[] = [];
      for (const user of users) {
        await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { promotional: { mode: 'hourly' } } } } });
        const requests = [promotion(user, 1), promotion(user, 2)];
        for (const r of requests) await parley.request('POST', '/notifications', { body: r });
        all.push(...requests.map((r) => r.requestId));
      }
      await collected(parley, all);
      const end = new Date((await items(parley, users[0]!))[0]!.window_end as Date);
      const at = new Date(end.getTime() + HOUR);
      const [a, b] = await Promise.all([digests().sendDue(at), other.sendDue(at)]);
      expect(a + b).toBeGreaterThanOrEqual(users.length);
      for (const user of users) {
        const windows = await parley.db.selectFrom('digest_windows').selectAll().where('user_id', '=', user).execute();
        expect(windows).toHaveLength(1);
        const requestId = digestRequestId({ userId: user, key: 'promotional', end: new Date(windows[0]!.window_end as Date) });
        expect(windows[0]!.request_id).toBe(requestId);
        expect(await logsOf(parley, requestId)).toHaveLength(1);
        expect((await items(parley, user)).map((r) => r.digest_request_id)).toEqual([requestId, requestId]);
      }
    } finally {
      await second.close();
    }
  });

  it('refuses a daily digest without a time, and shows the choices it stored', async () => {
    const user = uid('buyer');
    const refused = await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { chat: { mode: 'daily' } } } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('digest_time_missing');
    const bad = await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { timezone: 'Mars/Olympus' } } } });
    expect(bad.body.error.code).toBe('invalid_timezone');
    const saved = await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { chat: { mode: 'daily', at: '08:30' }, timezone: 'Europe/Berlin' } } } });
    expect(saved.body.preferences.digests).toEqual({ chat: { mode: 'daily', at: '08:30' }, timezone: 'Europe/Berlin' });
    // An old body without digests stays valid and shows none.
    const old = await parley.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { optOut: { sms: true } } } });
    expect(old.status).toBe(200);
    expect(old.body.preferences.digests).toEqual({});
  });

  it('gathers unread chat messages into "3 new messages from 2 buyers" instead of reminders', async () => {
    const seller = uid('seller');
    const [ana, ben] = [uid('buyer'), uid('buyer')];
    const sellerParty = { userId: seller, name: 'Mugs & Co', email: `${seller}@example.com` };
    const one = await placeOrder(parley, { buyer: { userId: ana, name: 'Ana', email: `${ana}@example.com` }, seller: sellerParty });
    const two = await placeOrder(parley, { buyer: { userId: ben, name: 'Ben' }, seller: sellerParty });
    await parley.request('PUT', `/users/${seller}/preferences`, { as: seller, body: { preferences: { digests: { chat: { mode: 'hourly' } } } } });
    for (const text of ['Hello', 'Is it in stock?']) await sendMessage(parley, one.conversationId, text, { as: ana, role: 'buyer' });
    await sendMessage(parley, two.conversationId, 'When does it ship?', { as: ben, role: 'buyer' });
    const due = () =>
      parley.db.updateTable('conversation_participants').set({ reminder_due_at: new Date(Date.now() - 1000) }).where('user_id', '=', seller).where('conversation_id', 'in', [one.conversationId, two.conversationId]).execute();
    await due();
    expect(await runJob(parley, 'unread-reminders')).toBe(2);
    // No per-conversation reminder: the seller's unread messages wait in the digest.
    const reminders = await parley.db.selectFrom('notification_logs').select('request_id').where('user_id', '=', seller).where(sql<boolean>`content->'fields'->>'subject' ILIKE '%unread message%'`).execute();
    expect(reminders).toHaveLength(0);
    const rows = await items(parley, seller);
    expect(rows.map((r) => r.digest_key)).toEqual(['chat', 'chat']);
    const end = new Date(rows[0]!.window_end as Date);
    expect(await digests().sendDue(end)).toBe(1);
    const [digest] = await logsOf(parley, digestRequestId({ userId: seller, key: 'chat', end }));
    expect(digest).toMatchObject({ channel: 'email', notification_type: 'transactional' });
    const fields = (digest!.content as any).fields;
    expect(fields.subject).toBe('3 new messages from 2 buyers');
    expect(fields.text).toContain(`order ${one.orderId}: 2 new messages`);
    expect(fields.text).toContain(`order ${two.orderId}: 1 new message`);
    // Two conversations: no single conversation a reply could go to.
    expect(fields.replyTo).toBeUndefined();

    // A buyer's digest of one conversation: "from 1 seller", and a reply to its email lands in the conversation.
    await parley.request('PUT', `/users/${ana}/preferences`, { as: ana, body: { preferences: { digests: { chat: { mode: 'hourly' } } } } });
    await sendMessage(parley, one.conversationId, 'Yes, in stock.', { as: seller, role: 'seller' });
    await parley.db.updateTable('conversation_participants').set({ reminder_due_at: new Date(Date.now() - 1000) }).where('user_id', '=', ana).where('conversation_id', '=', one.conversationId).execute();
    expect(await runJob(parley, 'unread-reminders')).toBe(1);
    const anaEnd = new Date((await items(parley, ana))[0]!.window_end as Date);
    expect(await digests().sendDue(anaEnd)).toBe(1);
    const [anaDigest] = await logsOf(parley, digestRequestId({ userId: ana, key: 'chat', end: anaEnd }));
    expect(anaDigest!.channel).toBe('email');
    const anaFields = (anaDigest!.content as any).fields;
    expect(anaFields.subject).toBe('1 new message from 1 seller');
    expect(anaFields.replyTo).toMatch(/@reply\.example\.com$/);

    // Erasing the seller removes what their digests held.
    const erased = await parley.request('DELETE', `/users/${seller}`, { as: seller });
    expect(erased.body.counts).toMatchObject({ digest_items: 2, digest_windows: 1 });
    expect(await items(parley, seller)).toHaveLength(0);
  });
});

describe.runIf(realServices)('a digest worker killed between collecting and sending', () => {
  it('sends the window once: two new workers race for it, one digest goes out with every item', async () => {
    const backend = realServices!;
    const database = await freshDatabase(backend);
    const api = await startParley(backend, { database, env: { PARLEY_ROLES: 'api', PARLEY_NOTIFICATION_TYPES: TYPES } });
    const workerEnv = processEnv(database, backend, { PARLEY_ROLES: 'worker', PARLEY_LEASE_SECONDS: '2', PARLEY_POLL_MS: '50', PARLEY_DIGEST_CHECK_MS: '100', PARLEY_NOTIFICATION_TYPES: TYPES });
    const first = await startParleyProcess(workerEnv, { readyTimeoutMs: 90_000 });
    const others: Awaited<ReturnType<typeof startParleyProcess>>[] = [];
    try {
      const user = uid('buyer');
      await api.request('PUT', `/users/${user}/preferences`, { as: user, body: { preferences: { digests: { promotional: { mode: 'hourly' } } } } });
      const requests = Array.from({ length: 6 }, (_, i) => promotion(user, i + 1));
      await api.request('POST', '/notifications/batch', { body: { notifications: requests } });
      await eventually(async () => (await items(api, user)).length === 6, 'the worker to collect every item', 20_000);
      process.kill(first.pid, 'SIGKILL');
      await sleep(200);
      // Two new workers, each looking for closed windows every 100 ms; then the window closes.
      for (let i = 0; i < 2; i++) others.push(await startParleyProcess(workerEnv, { readyTimeoutMs: 90_000 }));
      const end = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
      await api.db.updateTable('digest_items').set({ window_end: end }).where('user_id', '=', user).execute();
      const requestId = digestRequestId({ userId: user, key: 'promotional', end });
      await eventually(async () => (await logsOf(api, requestId))[0]?.status === 'sent', 'the digest sent', 20_000);
      // Several more rounds of both workers: still one.
      await sleep(1000);
      const windows = await api.db.selectFrom('digest_windows').selectAll().where('user_id', '=', user).execute();
      expect(windows).toHaveLength(1);
      expect(windows[0]).toMatchObject({ request_id: requestId, item_count: 6 });
      const [digest, ...more] = await logsOf(api, requestId);
      expect(more).toHaveLength(0);
      for (let n = 1; n <= 6; n++) expect((digest!.content as any).fields.text).toContain(`Offer ${n}`);
      const all = await api.db.selectFrom('notification_logs').select(['request_id']).where('user_id', '=', user).execute();
      expect(all).toHaveLength(7);
      expect((await items(api, user)).every((r) => r.digest_request_id === requestId)).toBe(true);
    } finally {
      await first.stop();
      for (const o of others) await o.stop();
      await api.close();
      await database.handle.close();
      await database.drop();
    }
  }, 240_000);
});
