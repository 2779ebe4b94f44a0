import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentLog } from '../src/consents/consent-log.ts';
import { backends } from './support/backends.ts';
import { countKpis, DELIVERED, expectKpis, KPI_CHANNELS } from './support/kpi-count.ts';
import { placeOrder, quietJobs } from './support/marketplace.ts';
import { startParley, type TestParley } from './support/parley.ts';

/**
 * The KPIs (GET /kpis) over known data: deliveries of every status with known latencies, opens,
 * clicks, orders after them, consent withdrawals and chat responses. Every figure is counted
 * here again from the rows this test wrote, by the specification's definitions.
 */

const HOUR = 3_600_000;
const ATTRIBUTION_HOURS = 48;
const STATUSES = ['delivered', 'sent', 'failed', 'opened', 'bounced', 'dead', 'skipped', 'clicked', 'skipped', 'delivered', 'cancelled', 'read', 'delivered'];

interface Delivery {
  logId: string;
  requestId: string;
  userId: string;
  channel: string;
  type: 'transactional' | 'promotional';
  status: string;
  vendorId: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
}

describe.each(backends)('KPIs on $name', (backend) => {
  let parley: TestParley;
  const tag = randomUUID().slice(0, 6);
  const vendorA = `vendor-a-${tag}`;
  const vendorB = `vendor-b-${tag}`;
  const users = Array.from({ length: 7 }, (_, i) => `kpi-user-${i}-${tag}`);
  const from = new Date(Math.floor((Date.now() - 20 * 24 * HOUR) / HOUR) * HOUR);
  const to = new Date(from.getTime() + 5 * 24 * HOUR);
  const deliveries: Delivery[] = [];
  const orders: { buyerId: string; sellerId: string; placedAt: Date; orderId: string }[] = [];
  const consents: { vendorId: string | null; channel: 'email' | 'sms'; granted: boolean; source: 'unsubscribe' | 'sms_stop' | 'checkout' | 'erasure' | 'preferences'; at: Date }[] = [];
  const responses: { sellerId: string; askedAt: Date; seconds: number | null }[] = [];
  const heartbeats: Date[] = [];

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_KPI_ATTRIBUTION_HOURS: String(ATTRIBUTION_HOURS), PARLEY_KPI_TARGETS: JSON.stringify({ 'delivery_rate.sms': 0.3, vendor_response_time: null }) } });

    // Deliveries: every channel, every outcome (none still queued: the worker would send those), both types, both vendors (and none), in the window and just outside it.
    let n = 0;
    for (const [c, channel] of KPI_CHANNELS.entries()) {
      for (let k = 0; k < 26; k++) {
        n++;
        const status = STATUSES[(k + c) % STATUSES.length]!;
        const outside = k === 25;
        const createdAt = new Date((outside ? from.getTime() - HOUR : from.getTime() + k * 3 * HOUR) + c * 60_000);
        const delivered = DELIVERED.includes(status);
        const latency = 40 + ((k * 7919 + c * 104_729) % 9000);
        const opened = delivered && (channel === 'email' || channel === 'push') && k % 3 !== 2;
        const clicked = opened && k % 4 === 0;
        deliveries.push({
          logId: randomUUID(),
          requestId: randomUUID(),
          userId: users[(k + c) % users.length]!,
          channel,
          type: k % 2 === 0 ? 'promotional' : 'transactional',
          status,
          vendorId: k % 5 === 4 ? null : k % 3 === 0 ? vendorB : vendorA,
          createdAt,
          deliveredAt: delivered ? new Date(createdAt.getTime() + latency) : null,
          openedAt: opened ? new Date(createdAt.getTime() + HOUR + n * 1000) : null,
          clickedAt: clicked ? new Date(createdAt.getTime() + 2 * HOUR + n * 1000) : null,
        });
      }
    }
    await parley.db
      .insertInto('notification_logs')
      .values(
        deliveries.map((d) => ({
          log_id: d.logId,
          request_id: d.requestId,
          user_id: d.userId,
          channel: d.channel,
          notification_type: d.type,
          status: d.status,
          send_time: d.createdAt,
          delivery_time: d.deliveredAt,
          metadata: JSON.stringify({ priority: 'medium', retries: 3, ...(d.vendorId ? { vendorId: d.vendorId } : {}) }),
          created_at: d.createdAt,
          priority: 1,
          due_at: d.createdAt,
          max_retries: 3,
          request_hash: 'x'.repeat(64),
          recipient: JSON.stringify({ userId: d.userId, address: 'someone' }),
          content: JSON.stringify({ kind: 'literal', fields: { text: 'Hello' } }),
          history: JSON.stringify([]),
          opened_at: d.openedAt,
          clicked_at: d.clickedAt,
        })),
      )
      .execute();

    // Orders: for some people who opened or clicked a promotional notification, one soon after
    // (converts), one past the attribution window, one before they engaged.
    const engaged = deliveries.filter((d) => d.type === 'promotional' && (d.openedAt || d.clickedAt) && d.createdAt >= from);
    const plan: { buyerId: string; sellerId: string; placedAt: Date }[] = [];
    for (const [i, d] of engaged.entries()) {
      const first = new Date(Math.min(...[d.openedAt, d.clickedAt].filter((x): x is Date => x !== null).map((x) => x.getTime())));
      const seller = d.vendorId ?? vendorB;
      if (i % 3 === 0) plan.push({ buyerId: d.userId, sellerId: seller, placedAt: new Date(first.getTime() + 5 * HOUR) });
      if (i % 3 === 1) plan.push({ buyerId: d.userId, sellerId: seller, placedAt: new Date(first.getTime() + (ATTRIBUTION_HOURS + 30) * HOUR) });
      if (i % 3 === 2) plan.push({ buyerId: d.userId, sellerId: seller, placedAt: new Date(first.getTime() - 30 * HOUR) });
    }
    const conversations: { id: string; sellerId: string }[] = [];
    for (const o of plan) {
      const placed = await placeOrder(parley, { buyer: { userId: o.buyerId }, seller: { userId: o.sellerId } });
      await parley.db.updateTable('marketplace_orders').set({ placed_at: o.placedAt }).where('order_id', '=', placed.orderId).execute();
      orders.push({ ...o, orderId: placed.orderId });
      conversations.push({ id: placed.conversationId, sellerId: o.sellerId });
    }

    // Consents given and withdrawn, in the window and outside it.
    const at = (h: number) => new Date(from.getTime() + h * HOUR);
    consents.push(
      { vendorId: vendorA, channel: 'email', granted: false, source: 'unsubscribe', at: at(3) },
      { vendorId: vendorA, channel: 'email', granted: false, source: 'preferences', at: at(30) },
      { vendorId: vendorB, channel: 'email', granted: false, source: 'unsubscribe', at: at(31) },
      { vendorId: vendorA, channel: 'email', granted: true, source: 'checkout', at: at(4) },
      { vendorId: vendorA, channel: 'email', granted: false, source: 'erasure', at: at(5) },
      { vendorId: vendorB, channel: 'sms', granted: false, source: 'sms_stop', at: at(6) },
      { vendorId: null, channel: 'sms', granted: false, source: 'sms_stop', at: at(7) },
      { vendorId: vendorA, channel: 'sms', granted: false, source: 'sms_stop', at: at(-2) },
    );
    const log = createConsentLog(parley.db);
    for (const [i, c] of consents.entries()) {
      const [record] = await log.record([{ userId: users[i % users.length]!, vendorId: c.vendorId, channel: c.channel, granted: c.granted, source: c.source }]);
      await parley.db.updateTable('promotional_consents').set({ recorded_at: c.at }).where('consent_id', '=', record!.consentId).execute();
    }

    // Chat: questions the vendors answered (and one they did not), in the window and outside it.
    const seconds = [600, 1200, 4000, null, 90, 2500, 300];
    for (const [i, s] of seconds.entries()) {
      const conversation = conversations[i % conversations.length]!;
      const askedAt = i === 6 ? at(-10) : at(10 + i);
      responses.push({ sellerId: conversation.sellerId, askedAt, seconds: s });
      await parley.db
        .insertInto('conversation_responses')
        .values({ conversation_id: conversation.id, asked_seq: 1000 + i, seller_id: conversation.sellerId, asked_at: askedAt, answered_at: s === null ? null : new Date(askedAt.getTime() + s * 1000), response_seconds: s })
        .execute();
    }

    // Uptime: the window's first 100 minutes up but for three; from then on nothing (a stopped
    // service). The minutes this test's own Parley marks come long after the window.
    for (let m = 0; m < 100; m++) if (![10, 20, 30].includes(m)) heartbeats.push(new Date(from.getTime() + m * 60_000));
    await parley.db.insertInto('service_heartbeats').values(heartbeats.map((minute) => ({ minute }))).execute();
  });
  afterAll(async () => parley?.close());

  /** The KPIs counted here from the rows written above, for a vendor (or everyone) and optional channel and type. */
  const expected = (scope: { vendorId?: string; channel?: string; type?: string }) =>
    countKpis({ deliveries, orders, consents, responses, heartbeats }, { from, to, attributionHours: ATTRIBUTION_HOURS, ...scope });

  async function kpis(query: Record<string, string>, as?: { userId: string; role: 'seller' | 'buyer' }) {
    const qs = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), ...query });
    return parley.request('GET', `/kpis?${qs}`, as ? { as: as.userId, role: as.role } : {});
  }

  const compare = (body: any, want: ReturnType<typeof expected>) => expectKpis(expect, body, want);

  it('marks the minutes it runs as up, and a second writer of the same minute is no error', async () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const marked = async () => (await parley.db.selectFrom('service_heartbeats').select('minute').where('minute', '>=', minute).execute()).length;
    // Written by the running process itself, within its first 20 seconds.
    await expect.poll(marked, { timeout: 25_000 }).toBeGreaterThanOrEqual(1);
    const { recordHeartbeat } = await import('../src/ops/sql/recordHeartbeat.ts');
    await expect(Promise.all([recordHeartbeat(parley.db), recordHeartbeat(parley.db)])).resolves.toBeDefined();
  });

  it('gives operators every KPI of the marketplace, each equal to a count made from the data', async () => {
    const reply = await kpis({});
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.window).toEqual({ from: from.toISOString(), to: to.toISOString() });
    expect(reply.body.attributionHours).toBe(ATTRIBUTION_HOURS);
    const want = expected({});
    compare(reply.body, want);
    // The data is rich enough for every KPI to have a figure, and conversions both inside and outside the window exist.
    for (const kpi of reply.body.kpis) expect(kpi.actual, `${kpi.name} ${kpi.channel} ${kpi.notificationType}`).not.toBeNull();
    const conversion = reply.body.kpis.find((k: any) => k.name === 'promotional_conversion_rate');
    expect(conversion.counts.convertedRecipients).toBeGreaterThan(0);
    expect(conversion.counts.convertedRecipients).toBeLessThan(conversion.counts.engagedRecipients);
  });

  it('takes its targets from the specification, with PARLEY_KPI_TARGETS over them', async () => {
    const { body } = await kpis({});
    const find = (name: string, channel: string | null, type: string | null = null) => body.kpis.find((k: any) => k.name === name && k.channel === channel && k.notificationType === type);
    expect(find('delivery_rate', 'email')).toMatchObject({ target: 0.995, comparison: 'above', unit: 'ratio' });
    expect(find('delivery_rate', 'in-app')).toMatchObject({ target: 1, comparison: 'at_least' });
    expect(find('delivery_rate', 'sms')).toMatchObject({ target: 0.3 });
    expect(find('delivery_rate', 'sms').met).toBe(find('delivery_rate', 'sms').actual > 0.3);
    expect(find('delivery_latency_p95', 'push')).toMatchObject({ target: 1000, comparison: 'below', unit: 'milliseconds' });
    expect(find('delivery_latency_p50', 'push')).toMatchObject({ target: null, met: null });
    expect(find('email_open_rate', 'email', 'promotional')).toMatchObject({ target: 0.15 });
    expect(find('opt_out_rate', 'sms', 'promotional')).toMatchObject({ target: 0.008 });
    expect(find('vendor_response_time', null)).toMatchObject({ target: null, met: null, unit: 'seconds' });
  });

  it("gives a seller their own KPIs only, and filters by channel and type", async () => {
    const own = await kpis({}, { userId: vendorA, role: 'seller' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.filters).toEqual({ channel: null, notificationType: null, vendorId: vendorA });
    compare(own.body, expected({ vendorId: vendorA }));
    expect((await kpis({ vendorId: vendorA }, { userId: vendorA, role: 'seller' })).status).toBe(200);

    const other = await kpis({ vendorId: vendorB }, { userId: vendorA, role: 'seller' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_your_kpis');
    expect((await kpis({}, { userId: users[0]!, role: 'buyer' })).status).toBe(403);

    const operatorB = await kpis({ vendorId: vendorB });
    compare(operatorB.body, expected({ vendorId: vendorB }));
    compare((await kpis({ channel: 'email' })).body, expected({ channel: 'email' }));
    compare((await kpis({ type: 'promotional', vendorId: vendorA })).body, expected({ type: 'promotional', vendorId: vendorA }));
  });

  it('refuses a window that ends before it starts, or is longer than a year, with a code', async () => {
    const backwards = await kpis({ from: to.toISOString(), to: from.toISOString() });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('invalid_window');
    const long = await kpis({ from: new Date(to.getTime() - 400 * 24 * HOUR).toISOString() });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('window_too_long');
  });
});
