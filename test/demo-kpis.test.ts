import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { backends } from './support/backends.ts';
import { countKpis, expectKpis, type KpiFacts } from './support/kpi-count.ts';
import { quietJobs } from './support/marketplace.ts';
import { freshDatabase, startParley, type TestDatabase, type TestParley } from './support/parley.ts';

/**
 * The KPIs on the demo data (the specification asks that they equal a count made independently):
 * the demo is seeded, every row the KPIs read is read back here as it is stored, and each KPI is
 * counted again from those rows.
 */
describe.each(backends)('KPIs on the demo data on $name', (backend) => {
  let parley: TestParley;
  let database: TestDatabase;
  let facts: KpiFacts;
  let from: Date;
  let to: Date;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    const env: Record<string, string> = { ...quietJobs, PARLEY_DEMO: '1', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl, PARLEY_DEMO_FORCE: '1' } : {}) };
    parley = await startParley(backend, { env, database });
    const summary = await seedDemo(parley.app, parley.config, { db: parley.db });
    expect(summary.notes).toEqual([]);
    to = new Date(Date.now() + 60_000);
    from = new Date(to.getTime() - 30 * 86_400_000);

    const db = parley.db;
    const deliveries = await db.selectFrom('notification_logs').select(['user_id', 'channel', 'notification_type', 'status', 'metadata', 'created_at', 'delivery_time', 'opened_at', 'clicked_at']).execute();
    const orders = await db.selectFrom('marketplace_orders').select(['buyer_id', 'seller_id', 'placed_at']).execute();
    const consents = await db.selectFrom('promotional_consents').select(['vendor_id', 'channel', 'granted', 'source', 'recorded_at']).execute();
    const responses = await db.selectFrom('conversation_responses').select(['seller_id', 'asked_at', 'response_seconds']).execute();
    const date = (v: unknown) => (v === null ? null : new Date(v as string));
    facts = {
      deliveries: deliveries.map((d) => ({
        userId: d.user_id,
        channel: d.channel,
        type: d.notification_type,
        status: d.status,
        vendorId: ((typeof d.metadata === 'string' ? JSON.parse(d.metadata) : d.metadata) as { vendorId?: string } | null)?.vendorId ?? null,
        createdAt: new Date(d.created_at as Date),
        deliveredAt: date(d.delivery_time),
        openedAt: date(d.opened_at),
        clickedAt: date(d.clicked_at),
      })),
      orders: orders.map((o) => ({ buyerId: o.buyer_id, sellerId: o.seller_id, placedAt: new Date(o.placed_at as Date) })),
      consents: consents.map((c) => ({ vendorId: c.vendor_id, channel: c.channel, granted: c.granted, source: c.source, at: new Date(c.recorded_at as Date) })),
      responses: responses.map((r) => ({ sellerId: r.seller_id, askedAt: new Date(r.asked_at as Date), seconds: r.response_seconds })),
      heartbeats: [],
    };
  });
  afterAll(async () => {
    await parley?.close();
    await database?.handle.close();
    await database?.drop();
  });

  const window = () => new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const attributionHours = () => parley.config.kpis.attributionHours;
  /** The minutes marked up so far (read after the answer: the service marks more as it runs). */
  const heartbeats = async () => (await parley.db.selectFrom('service_heartbeats').select('minute').execute()).map((r) => new Date(r.minute as Date));

  it("equal an independent count for the operator, with figures on the demo's lines", async () => {
    const reply = await parley.request('GET', `/kpis?${window()}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expectKpis(expect, reply.body, countKpis({ ...facts, heartbeats: await heartbeats() }, { from, to, attributionHours: attributionHours(), now: new Date(reply.body.generatedAt) }));
    const actual = (name: string, channel: string | null, type: string | null = null) =>
      reply.body.kpis.find((k: any) => k.name === name && k.channel === channel && k.notificationType === type).actual;
    // The demo fills these (SMS and push have no deliveries in it: no phone numbers on order channels, no devices).
    for (const [name, channel, type] of [
      ['delivery_rate', 'email'],
      ['delivery_rate', 'in-app'],
      ['delivery_latency_p95', 'email'],
      ['delivery_latency_p95', 'in-app'],
      ['error_rate', 'email'],
      ['email_open_rate', 'email', 'transactional'],
      ['email_open_rate', 'email', 'promotional'],
      ['email_click_through_rate', 'email', 'transactional'],
      ['email_click_through_rate', 'email', 'promotional'],
      ['vendor_response_time', null],
      ['promotional_conversion_rate', null, 'promotional'],
      ['opt_out_rate', 'email', 'promotional'],
    ] as const) {
      expect(actual(name, channel, type ?? null), `${name} ${channel} ${type ?? ''}`).not.toBeNull();
    }
    expect(actual('promotional_conversion_rate', null, 'promotional')).toBeGreaterThan(0);
  });

  it('equal an independent count for each demo seller, as they see their own', async () => {
    for (const seller of ['demo-seller-larkspur', 'demo-seller-northwind']) {
      const reply = await parley.request('GET', `/kpis?${window()}`, { as: seller, role: 'seller' });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expectKpis(expect, reply.body, countKpis({ ...facts, heartbeats: await heartbeats() }, { from, to, attributionHours: attributionHours(), vendorId: seller, now: new Date(reply.body.generatedAt) }));
    }
  });
});
