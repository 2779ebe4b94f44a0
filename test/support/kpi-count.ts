/**
 * The KPIs of GET /kpis counted again, by the specification's definitions, from plain rows a
 * test wrote or read back (independently of the SQL that answers the endpoint).
 */

export const DELIVERED = ['delivered', 'opened', 'read', 'clicked'];
export const ATTEMPTED = ['sent', ...DELIVERED, 'failed', 'bounced', 'dead'];
export const KPI_CHANNELS = ['email', 'sms', 'push', 'in-app', 'whatsapp'] as const;

export interface DeliveryFact {
  userId: string;
  channel: string;
  type: string;
  status: string;
  vendorId: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
}
export interface OrderFact {
  buyerId: string;
  sellerId: string;
  placedAt: Date;
}
export interface ConsentFact {
  vendorId: string | null;
  channel: string;
  granted: boolean;
  source: string;
  at: Date;
}
export interface ResponseFact {
  sellerId: string;
  askedAt: Date;
  seconds: number | null;
}
export interface KpiFacts {
  deliveries: DeliveryFact[];
  orders: OrderFact[];
  consents: ConsentFact[];
  responses: ResponseFact[];
  /** The minutes service_heartbeats holds (each a minute's start). */
  heartbeats: Date[];
}

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}
const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const firstEngagement = (d: DeliveryFact) => Math.min(...[d.openedAt, d.clickedAt].filter((x): x is Date => x !== null).map((x) => x.getTime()));

export type ExpectedKpis = Map<string, { actual: number | null; counts: Record<string, number> }>;

/** Every KPI by "name|channel|notificationType", for a window and an optional vendor, channel and type. */
export function countKpis(
  facts: KpiFacts,
  scope: { from: Date; to: Date; attributionHours: number; vendorId?: string; channel?: string; type?: string; now?: Date },
): ExpectedKpis {
  const { from, to } = scope;
  const inScope = facts.deliveries.filter(
    (d) =>
      d.createdAt >= from &&
      d.createdAt < to &&
      (scope.vendorId === undefined || d.vendorId === scope.vendorId) &&
      (scope.channel === undefined || d.channel === scope.channel) &&
      (scope.type === undefined || d.type === scope.type),
  );
  const out: ExpectedKpis = new Map();
  const put = (name: string, channel: string | null, type: string | null, actual: number | null, counts: Record<string, number>) => out.set(`${name}|${channel}|${type}`, { actual, counts });
  for (const channel of KPI_CHANNELS) {
    const rows = inScope.filter((d) => d.channel === channel);
    const attempted = rows.filter((d) => ATTEMPTED.includes(d.status)).length;
    const delivered = rows.filter((d) => DELIVERED.includes(d.status)).length;
    const failed = rows.filter((d) => d.status === 'failed' || d.status === 'bounced').length;
    const deadLettered = rows.filter((d) => d.status === 'dead').length;
    put('delivery_rate', channel, null, rate(delivered, attempted), { attempted, delivered });
    put('error_rate', channel, null, rate(failed + deadLettered, attempted), { attempted, failed, deadLettered });
    const latencies = rows.filter((d) => d.deliveredAt).map((d) => Math.max(0, d.deliveredAt!.getTime() - d.createdAt.getTime()));
    for (const p of [50, 95, 99]) put(`delivery_latency_p${p}`, channel, null, percentile(latencies, p / 100), { measured: latencies.length });
  }
  // Throughput: handed over (a delivery time) per second, and per five minutes on the clock.
  const perSecond = new Map<number, number>();
  const perFive = new Map<number, number>();
  for (const d of inScope.filter((x) => x.deliveredAt)) {
    const second = Math.floor(d.deliveredAt!.getTime() / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    perFive.set(Math.floor(second / 300), (perFive.get(Math.floor(second / 300)) ?? 0) + 1);
  }
  const dispatched = [...perSecond.values()].reduce((a, b) => a + b, 0);
  const busiestSecond = Math.max(0, ...perSecond.values());
  const busiestFiveMinutes = Math.max(0, ...perFive.values());
  const dispatch = { dispatched, busiestSecond, busiestFiveMinutes };
  put('throughput_sustained', null, null, dispatched ? busiestFiveMinutes / 300 : null, dispatch);
  put('throughput_peak', null, null, dispatched ? busiestSecond : null, dispatch);
  // Uptime: minutes with a heartbeat, of those since the first one ever until the current minute.
  const minute = 60_000;
  const floorMinute = (d: Date) => Math.floor(d.getTime() / minute) * minute;
  let up = 0;
  let measured = 0;
  if (facts.heartbeats.length) {
    const first = Math.min(...facts.heartbeats.map((h) => h.getTime()));
    const start = Math.floor(Math.max(from.getTime(), first) / minute) * minute;
    const stop = Math.min(to.getTime(), floorMinute(scope.now ?? new Date()));
    measured = Math.max(0, Math.ceil((stop - start) / minute));
    up = facts.heartbeats.filter((h) => h.getTime() >= start && h.getTime() < stop).length;
  }
  put('uptime', null, null, rate(up, measured), { minutesUp: up, minutesMeasured: measured });

  for (const type of ['transactional', 'promotional']) {
    const rows = inScope.filter((d) => d.channel === 'email' && d.type === type && DELIVERED.includes(d.status));
    const opened = rows.filter((d) => d.openedAt).length;
    const clicked = rows.filter((d) => d.clickedAt).length;
    put('email_open_rate', 'email', type, rate(opened, rows.length), { delivered: rows.length, opened });
    put('email_click_through_rate', 'email', type, rate(clicked, rows.length), { delivered: rows.length, clicked });
  }
  const push = inScope.filter((d) => d.channel === 'push' && DELIVERED.includes(d.status));
  const pushClicked = push.filter((d) => d.clickedAt).length;
  put('push_click_through_rate', 'push', null, rate(pushClicked, push.length), { delivered: push.length, clicked: pushClicked });

  const asked = facts.responses.filter((r) => r.askedAt >= from && r.askedAt < to && (scope.vendorId === undefined || r.sellerId === scope.vendorId));
  const answered = asked.filter((r) => r.seconds !== null).map((r) => r.seconds!);
  put('vendor_response_time', null, null, answered.length ? answered.reduce((a, b) => a + b, 0) / answered.length : null, { questions: asked.length, responses: answered.length });

  const promotional = inScope.filter((d) => d.type === 'promotional');
  const recipients = new Set(promotional.filter((d) => DELIVERED.includes(d.status)).map((d) => d.userId));
  const engagements = promotional.filter((d) => d.openedAt || d.clickedAt).map((d) => ({ userId: d.userId, at: firstEngagement(d) }));
  const windowMs = scope.attributionHours * 3_600_000;
  const converting = facts.orders.filter(
    (o) => (scope.vendorId === undefined || o.sellerId === scope.vendorId) && engagements.some((e) => e.userId === o.buyerId && o.placedAt.getTime() >= e.at && o.placedAt.getTime() <= e.at + windowMs),
  );
  const converted = new Set(converting.map((o) => o.buyerId));
  put('promotional_conversion_rate', null, 'promotional', rate(converted.size, recipients.size), {
    recipients: recipients.size,
    engagedRecipients: new Set(engagements.map((e) => e.userId)).size,
    convertedRecipients: converted.size,
    orders: converting.length,
  });

  for (const channel of ['email', 'sms', 'whatsapp']) {
    const promotionalDelivered = inScope.filter((d) => d.channel === channel && d.type === 'promotional' && DELIVERED.includes(d.status)).length;
    const withdrawn =
      scope.channel === undefined || scope.channel === channel
        ? facts.consents.filter((c) => c.channel === channel && !c.granted && c.source !== 'erasure' && c.at >= from && c.at < to && (scope.vendorId === undefined || c.vendorId === scope.vendorId)).length
        : 0;
    put('opt_out_rate', channel, 'promotional', rate(withdrawn, promotionalDelivered), { promotionalDelivered, withdrawn });
  }
  return out;
}

/** Holds a GET /kpis answer to the counts: each KPI's counts, actual and met. */
export function expectKpis(expect: typeof import('vitest').expect, body: any, want: ExpectedKpis): void {
  expect(body.kpis).toHaveLength(want.size);
  for (const kpi of body.kpis) {
    const key = `${kpi.name}|${kpi.channel}|${kpi.notificationType}`;
    const w = want.get(key);
    expect(w, key).toBeDefined();
    expect(kpi.counts, key).toEqual(w!.counts);
    if (w!.actual === null) expect(kpi.actual, key).toBeNull();
    else expect(kpi.actual, key).toBeCloseTo(w!.actual, kpi.unit === 'ratio' ? 5 : 0);
    if (kpi.target === null || kpi.actual === null) expect(kpi.met, key).toBeNull();
    else expect(kpi.met, key).toBe(kpi.comparison === 'above' ? kpi.actual > kpi.target : kpi.comparison === 'below' ? kpi.actual < kpi.target : kpi.actual >= kpi.target);
  }
}
