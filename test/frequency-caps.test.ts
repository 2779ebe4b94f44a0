import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { createFrequencyCaps } from '../src/notifications/frequency-caps/frequency-caps.ts';
import { backends } from './support/backends.ts';
import { freshDatabase, startParley, type TestDatabase, type TestParley } from './support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const HOUR = 3600_000;
const WEEK = 168 * HOUR;

/** A literal in-app promotion for `userId`. */
function promotion(userId: string, extra: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    notificationType: 'promotional',
    channels: ['in-app'],
    recipient: { userId },
    message: { inAppMessage: { title: 'Weekend sale', body: 'All shoes 20% off until Sunday.' } },
    ...extra,
  };
}

/** Polls GET /notifications/:id until no delivery is waiting. */
async function settled(parley: TestParley, requestId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await parley.request('GET', `/notifications/${requestId}`);
    expect(status).toBe(200);
    if (body.deliveries.every((d: any) => !['queued', 'standby', 'sending'].includes(d.status))) return body;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(body.deliveries)}`);
    await sleep(25);
  }
}

describe.each(backends)('frequency caps on $name', (backend) => {
  let database: TestDatabase;
  let parley: TestParley;
  /** A second node on the same database (PostgreSQL): its dispatcher races the first one's. */
  let second: TestParley | undefined;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    parley = await startParley(backend, { database });
    if (backend.name === 'postgres') second = await startParley(backend, { database });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await parley?.close();
    await database?.handle.close();
    await database?.drop();
  });

  const caps = () => createFrequencyCaps({ db: parley.db, settings: parley.config.notifications.frequencyCaps });

  async function send(body: Record<string, unknown>) {
    const reply = await parley.request('POST', '/notifications', { body });
    expect(reply.status).toBe(202);
    return settled(parley, body.requestId as string);
  }

  /** Requests counted for a user as if sent at these times. */
  async function counted(userId: string, times: Date[]) {
    await parley.db
      .insertInto('notification_capped_sends')
      .values(times.map((t) => ({ user_id: userId, notification_type: 'promotional', request_id: randomUUID(), counted_at: t })))
      .execute();
  }

  it('skips the 4th promotion in a week with the reason in its history', async () => {
    const buyer = user('buyer');
    for (let i = 0; i < 3; i++) {
      const done = await send(promotion(buyer));
      expect(done.deliveries[0].status).toBe('sent');
    }
    const fourth = await send(promotion(buyer));
    const delivery = fourth.deliveries[0];
    expect(delivery).toMatchObject({ status: 'skipped', errorCode: 'frequency_capped' });
    expect(delivery.errorMessage).toBe("The user's frequency cap of 3 promotional notifications in 7 days is reached; this one is not sent.");
    expect(delivery.history).toEqual([expect.objectContaining({ status: 'skipped', code: 'frequency_capped', detail: delivery.errorMessage })]);
  });

  it('rolls the window: what was counted more than a week ago no longer counts', async () => {
    const now = Date.now();
    const rolledOut = user('buyer');
    const stillIn = user('buyer');
    await counted(rolledOut, [new Date(now - WEEK - HOUR), new Date(now - 2 * HOUR), new Date(now - HOUR)]);
    await counted(stillIn, [new Date(now - WEEK + HOUR), new Date(now - 2 * HOUR), new Date(now - HOUR)]);
    expect((await send(promotion(rolledOut))).deliveries[0].status).toBe('sent');
    expect((await send(promotion(stillIn))).deliveries[0]).toMatchObject({ status: 'skipped', errorCode: 'frequency_capped' });

    // At explicit times: three on days 0, 1 and 2 fill the week; day 3 is refused; the week after day 0 it rolls.
    const service = caps();
    const buyer = user('buyer');
    const t0 = Date.parse('2026-03-02T09:00:00Z');
    const admit = (at: number) => service.admit({ userId: buyer, notificationType: 'promotional', requestId: randomUUID(), at: new Date(at) });
    for (const day of [0, 1, 2]) expect((await admit(t0 + day * 24 * HOUR)).allowed).toBe(true);
    const refused = await admit(t0 + 3 * 24 * HOUR);
    expect(refused).toMatchObject({ allowed: false, caps: [{ max: 3, windowHours: 168 }] });
    expect(await service.cappedUsers([buyer], 'promotional', new Date(t0 + WEEK - 1))).toEqual(new Set([buyer]));
    expect(await service.cappedUsers([buyer], 'promotional', new Date(t0 + WEEK))).toEqual(new Set());
    expect((await admit(t0 + WEEK)).allowed).toBe(true);
    expect((await admit(t0 + WEEK + HOUR)).allowed).toBe(false);
  });

  it('counts a promotion on two channels once', async () => {
    const buyer = user('buyer');
    const both = promotion(buyer, { channels: ['in-app', 'email'], recipient: { userId: buyer, email: `${buyer}@example.com` }, message: { subject: 'Sale', body: 'All shoes 20% off' } });
    const done = await send(both);
    expect(done.deliveries.map((d: any) => d.status)).toEqual(['sent', 'sent']);
    const rows = await parley.db.selectFrom('notification_capped_sends').select('request_id').where('user_id', '=', buyer).execute();
    expect(rows).toEqual([{ request_id: both.requestId }]);
    expect((await send(promotion(buyer))).deliveries[0].status).toBe('sent');
    expect((await send(promotion(buyer))).deliveries[0].status).toBe('sent');
    expect((await send(promotion(buyer))).deliveries[0]).toMatchObject({ status: 'skipped', errorCode: 'frequency_capped' });
  });

  it('sends exactly the cap when workers race for the last slots', async () => {
    const buyer = user('buyer');
    const now = Date.now();
    await counted(buyer, [new Date(now - 2 * HOUR)]);
    // Two slots left; eight promotions accepted together, claimed by every worker there is.
    const batch = Array.from({ length: 8 }, () => promotion(buyer));
    const accepted = await parley.request('POST', '/notifications/batch', { body: { notifications: batch } });
    expect(accepted.status).toBe(202);
    const statuses = await Promise.all(batch.map(async (b) => (await settled(parley, b.requestId)).deliveries[0].status));
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(6);

    // The same race between two connections of their own, counting directly: exactly one of ten gets the last slot.
    const racer = user('buyer');
    await counted(racer, [new Date(now - 3 * HOUR), new Date(now - 2 * HOUR)]);
    const other = database.databaseUrl ? await openDatabase({ databaseUrl: database.databaseUrl, poolSize: 5 }) : undefined;
    try {
      const services = [caps(), createFrequencyCaps({ db: other?.db ?? parley.db, settings: parley.config.notifications.frequencyCaps })];
      const verdicts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => services[i % 2]!.admit({ userId: racer, notificationType: 'promotional', requestId: randomUUID(), at: new Date(now) })),
      );
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(1);
    } finally {
      await other?.close();
    }
    const rows = await parley.db.selectFrom('notification_capped_sends').select('request_id').where('user_id', '=', racer).execute();
    expect(rows).toHaveLength(3);
  });

  it('counts what is asked together in one go, in the order asked, and a request once however many channels ask', async () => {
    const service = caps();
    const now = new Date();
    const buyer = user('buyer');
    const other = user('buyer');
    const before = randomUUID();
    await parley.db.insertInto('notification_capped_sends').values({ user_id: buyer, notification_type: 'promotional', request_id: before, counted_at: new Date(now.getTime() - HOUR) }).execute();
    const fresh = Array.from({ length: 4 }, () => randomUUID());
    const ask = (userId: string, requestId: string) => service.admit({ userId, notificationType: 'promotional', requestId, at: now });
    // Asked in the same turn: one transaction counts them all.
    const verdicts = await Promise.all([
      ask(buyer, fresh[0]!),
      ask(other, fresh[3]!),
      ask(buyer, fresh[1]!),
      ask(buyer, fresh[0]!), // the same request's second channel
      ask(buyer, before), // counted before: let through, not counted again
      ask(buyer, fresh[2]!),
    ]);
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts[5]).toMatchObject({ caps: [{ max: 3, windowHours: 168 }] });
    const rows = await parley.db.selectFrom('notification_capped_sends').select(['user_id', 'request_id']).where('user_id', 'in', [buyer, other]).execute();
    expect(rows.filter((r) => r.user_id === buyer).map((r) => r.request_id).sort()).toEqual([before, fresh[0], fresh[1]].sort());
    expect(rows.filter((r) => r.user_id === other).map((r) => r.request_id)).toEqual([fresh[3]]);
  });

  it('never caps transactional notifications', async () => {
    const buyer = user('buyer');
    await counted(buyer, [new Date(Date.now() - HOUR), new Date(Date.now() - HOUR), new Date(Date.now() - HOUR)]);
    for (let i = 0; i < 5; i++) {
      const done = await send({ ...promotion(buyer), notificationType: 'transactional' });
      expect(done.deliveries[0].status).toBe('sent');
    }
    expect(await caps().cappedUsers([buyer], 'transactional')).toEqual(new Set());
    const rows = await parley.db.selectFrom('notification_capped_sends').select('notification_type').where('user_id', '=', buyer).execute();
    expect(rows.every((r) => r.notification_type === 'promotional')).toBe(true);
  });

  it('cappedUsers agrees with what the dispatcher then does, in one answer for the list', async () => {
    const now = Date.now();
    const full = user('full');
    const room = user('room');
    const fresh = user('fresh');
    const old = user('old');
    await counted(full, [new Date(now - 3 * HOUR), new Date(now - 2 * HOUR), new Date(now - HOUR)]);
    await counted(room, [new Date(now - 2 * HOUR), new Date(now - HOUR)]);
    await counted(old, [new Date(now - WEEK - 3 * HOUR), new Date(now - WEEK - 2 * HOUR), new Date(now - WEEK - HOUR)]);
    const predicted = await caps().cappedUsers([full, room, fresh, old, full], 'promotional');
    expect(predicted).toEqual(new Set([full]));
    for (const id of [full, room, fresh, old]) {
      const status = (await send(promotion(id))).deliveries[0].status;
      expect({ id, status }).toEqual({ id, status: predicted.has(id) ? 'skipped' : 'sent' });
    }
    expect(await caps().cappedUsers([], 'promotional')).toEqual(new Set());
  });

  it('shows the counted sends in the personal-data export and erases them', async () => {
    const buyer = user('buyer');
    const sent = promotion(buyer);
    await send(sent);
    const exported = await parley.request('GET', `/users/${buyer}/export`, { as: buyer });
    expect(exported.status).toBe(200);
    expect(exported.body.frequencyCaps).toEqual([{ notificationType: 'promotional', requestId: sent.requestId, countedAt: expect.any(String) }]);
    const erased = await parley.request('DELETE', `/users/${buyer}`, { as: buyer });
    expect(erased.status).toBe(200);
    expect(erased.body.counts.notification_capped_sends).toBe(1);
    const left = await parley.db.selectFrom('notification_capped_sends').select('request_id').where('user_id', '=', buyer).execute();
    expect(left).toEqual([]);
  });
});
