import type { AccessPolicy } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { ConsentLog } from '../consents/consent-log.ts';
import type { Db } from '../db/connect.ts';
import { forbidden, invalid, ParleyError } from '../errors.ts';
import { readResponseTimes } from '../marketplace/analytics/sql/readResponseTimes.ts';
import { listOrdersPlacedBy } from '../marketplace/orders/sql/listOrdersPlacedBy.ts';
import { type KpiCountRow, readKpiFigures } from '../notifications/deliveries/sql/readKpiFigures.ts';
import type { Uptime } from '../ops/uptime.ts';
import { COMPARISON_OVERRIDES, KPI_CATALOGUE, type KpiName, type KpiSettings, type KpiUnit, type Comparison, kpiKey } from './kpi-settings.ts';

/**
 * The specification's KPIs (§5) over a window, each beside its target. The figures come from
 * their owners: deliveries, opens and clicks from the delivery log (notification_logs), orders
 * from marketplace/orders, vendor response times from marketplace/analytics, opt-outs from the
 * consent log. A notification belongs to a vendor through its metadata.vendorId.
 */

export const KPI_DEFAULT_DAYS = 30;
export const KPI_MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Buyers per order look-up: one statement's parameters stay few. */
const BUYER_CHUNK = 1000;

export interface KpiCounts {
  measured?: number;
  attempted?: number;
  delivered?: number;
  failed?: number;
  deadLettered?: number;
  opened?: number;
  clicked?: number;
  questions?: number;
  responses?: number;
  recipients?: number;
  engagedRecipients?: number;
  convertedRecipients?: number;
  orders?: number;
  promotionalDelivered?: number;
  withdrawn?: number;
  dispatched?: number;
  busiestSecond?: number;
  busiestFiveMinutes?: number;
  minutesUp?: number;
  minutesMeasured?: number;
}

export interface Kpi {
  name: KpiName;
  group: 'operational' | 'engagement';
  channel: string | null;
  notificationType: string | null;
  unit: KpiUnit;
  comparison: Comparison;
  actual: number | null;
  target: number | null;
  met: boolean | null;
  counts: KpiCounts;
}

export interface KpiReport {
  window: { from: string; to: string };
  filters: { channel: string | null; notificationType: string | null; vendorId: string | null };
  attributionHours: number;
  generatedAt: string;
  kpis: Kpi[];
}

export interface KpiQuery {
  from?: string;
  to?: string;
  channel?: string;
  type?: string;
  vendorId?: string;
}

export function createKpiService({ db, consents, access, settings, uptime }: { db: Db; consents: ConsentLog; access: AccessPolicy; settings: KpiSettings; uptime: Pick<Uptime, 'read'> }) {
  async function report(principal: Principal, query: KpiQuery, now = new Date()): Promise<KpiReport> {
    await access.requireAccess(principal, 'kpi.read', { sellerId: query.vendorId }).catch((error: unknown) => {
      // The policy's refusal names its generic "sellerId"; this endpoint's parameter is vendorId.
      if (error instanceof ParleyError && error.code === 'not_your_kpis') throw forbidden('not_your_kpis', 'Sellers may only read their own KPIs; leave out "vendorId" (or give your own).');
      throw error;
    });
    const vendorId = principal.role === 'seller' ? principal.userId : query.vendorId;
    const { from, to } = window(query, now);
    const scope = { from, to, channel: query.channel, notificationType: query.type, vendorId };

    const figures = await readKpiFigures(db, scope);
    const kpis: Kpi[] = [];
    /** One KPI: `qualifier` picks its target ("delivery_rate" + ".email"); `about` says which channel and type it covers. */
    const add = (name: KpiName, qualifier: string | null, about: { channel?: string; type?: string }, actual: number | null, counts: KpiCounts) => {
      const def = KPI_CATALOGUE[name];
      const target = settings.targets[kpiKey(name, qualifier)] ?? null;
      const comparison = COMPARISON_OVERRIDES[kpiKey(name, qualifier)] ?? def.comparison;
      kpis.push({
        name,
        group: def.group,
        channel: about.channel ?? null,
        notificationType: about.type ?? null,
        unit: def.unit,
        comparison,
        actual,
        target,
        met: meets(actual, target, comparison),
        counts,
      });
    };
    const sum = (rows: KpiCountRow[], field: keyof Omit<KpiCountRow, 'channel' | 'notification_type'>) => rows.reduce((n, r) => n + r[field], 0);
    const of = (channel: string, type?: string) => figures.counts.filter((r) => r.channel === channel && (type === undefined || r.notification_type === type));

    for (const channel of ['email', 'sms', 'push', 'in-app', 'whatsapp']) {
      const rows = of(channel);
      const attempted = sum(rows, 'attempted');
      const delivered = sum(rows, 'delivered');
      add('delivery_rate', channel, { channel }, ratio(delivered, attempted), { attempted, delivered });
      const l = figures.latencies.find((x) => x.channel === channel);
      add('delivery_latency_p50', channel, { channel }, round(l?.p50), { measured: l?.delivered ?? 0 });
      add('delivery_latency_p95', channel, { channel }, round(l?.p95), { measured: l?.delivered ?? 0 });
      add('delivery_latency_p99', channel, { channel }, round(l?.p99), { measured: l?.delivered ?? 0 });
      const failed = sum(rows, 'failed');
      const deadLettered = sum(rows, 'dead');
      add('error_rate', channel, { channel }, ratio(failed + deadLettered, attempted), { attempted, failed, deadLettered });
    }
    {
      // What was dispatched in the window's busiest five minutes (sustained) and second (peak): the
      // load it carried, which is its capacity only when demand reached it (see the benchmarks).
      const d = figures.dispatch;
      const counts = { dispatched: d.dispatched, busiestSecond: d.busiestSecond, busiestFiveMinutes: d.busiestFiveMinutes };
      add('throughput_sustained', null, {}, d.dispatched ? round(d.busiestFiveMinutes / 300) : null, counts);
      add('throughput_peak', null, {}, d.dispatched ? d.busiestSecond : null, counts);
      // Uptime is the whole service's, whatever the filters.
      const u = await uptime.read(from, to, now);
      add('uptime', null, {}, ratio(u.up, u.measured), { minutesUp: u.up, minutesMeasured: u.measured });
    }
    for (const type of ['transactional', 'promotional']) {
      const rows = of('email', type);
      const delivered = sum(rows, 'delivered');
      const opened = sum(rows, 'opened');
      const clicked = sum(rows, 'clicked');
      add('email_open_rate', type, { channel: 'email', type }, ratio(opened, delivered), { delivered, opened });
      add('email_click_through_rate', type, { channel: 'email', type }, ratio(clicked, delivered), { delivered, clicked });
    }
    {
      const rows = of('push');
      const delivered = sum(rows, 'delivered');
      const clicked = sum(rows, 'clicked');
      add('push_click_through_rate', null, { channel: 'push' }, ratio(clicked, delivered), { delivered, clicked });
    }
    {
      const r = await readResponseTimes(db, vendorId !== undefined ? { sellerId: vendorId } : { everySeller: true }, from, to);
      add('vendor_response_time', null, {}, round(r.average_seconds), { questions: r.questions, responses: r.responses });
    }
    {
      const c = await conversions(figures.engagements, vendorId);
      add('promotional_conversion_rate', null, { type: 'promotional' }, ratio(c.convertedRecipients, figures.promotionalRecipients), { recipients: figures.promotionalRecipients, ...c });
    }
    for (const channel of ['email', 'sms', 'whatsapp']) {
      const promotionalDelivered = sum(of(channel, 'promotional'), 'delivered');
      let withdrawn = 0;
      if (query.channel === undefined || query.channel === channel) {
        const changes = await consents.changes({ from, to, channel, ...(vendorId !== undefined ? { vendorId } : {}) });
        // An erasure withdraws every consent of a person who asked to be forgotten: not an opt-out of messages.
        withdrawn = changes.filter((c) => !c.granted && c.source !== 'erasure').reduce((n, c) => n + c.count, 0);
      }
      add('opt_out_rate', channel, { channel, type: 'promotional' }, ratio(withdrawn, promotionalDelivered), { promotionalDelivered, withdrawn });
    }

    return {
      window: { from: from.toISOString(), to: to.toISOString() },
      filters: { channel: query.channel ?? null, notificationType: query.type ?? null, vendorId: vendorId ?? null },
      attributionHours: settings.attributionHours,
      generatedAt: now.toISOString(),
      kpis,
    };
  }

  /**
   * People who placed an order (with the vendor, for a vendor's KPIs) within the attribution
   * window after they first opened or clicked a promotional notification.
   */
  async function conversions(engagements: { user_id: string; engaged_at: Date }[], vendorId: string | undefined) {
    const firstByUser = new Map<string, Date[]>();
    for (const e of engagements) firstByUser.set(e.user_id, [...(firstByUser.get(e.user_id) ?? []), e.engaged_at]);
    const windowMs = settings.attributionHours * HOUR_MS;
    const converted = new Set<string>();
    const orders = new Set<string>();
    const users = [...firstByUser.keys()];
    for (let i = 0; i < users.length; i += BUYER_CHUNK) {
      const chunk = users.slice(i, i + BUYER_CHUNK);
      const times = chunk.flatMap((u) => firstByUser.get(u)!.map((d) => d.getTime()));
      const start = new Date(Math.min(...times));
      const end = new Date(Math.max(...times) + windowMs + 1);
      const placed = await listOrdersPlacedBy(db, chunk, { from: start, to: end, ...(vendorId !== undefined ? { sellerId: vendorId } : {}) });
      for (const order of placed) {
        const at = order.placedAt.getTime();
        if (firstByUser.get(order.buyerId)!.some((t) => at >= t.getTime() && at <= t.getTime() + windowMs)) {
          converted.add(order.buyerId);
          orders.add(order.orderId);
        }
      }
    }
    return { engagedRecipients: users.length, convertedRecipients: converted.size, orders: orders.size };
  }

  function window(query: KpiQuery, now: Date): { from: Date; to: Date } {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - KPI_DEFAULT_DAYS * DAY_MS);
    if (from.getTime() >= to.getTime()) throw invalid('invalid_window', `"from" (${from.toISOString()}) must be before "to" (${to.toISOString()}).`, { field: 'from' });
    if (to.getTime() - from.getTime() > KPI_MAX_DAYS * DAY_MS) throw invalid('window_too_long', `The window may span at most ${KPI_MAX_DAYS} days; move "from" or "to" closer.`, { field: 'from' });
    return { from, to };
  }

  return { report };
}

export type KpiService = ReturnType<typeof createKpiService>;

function meets(actual: number | null, target: number | null, comparison: Comparison): boolean | null {
  if (actual === null || target === null) return null;
  if (comparison === 'above') return actual > target;
  if (comparison === 'below') return actual < target;
  return actual >= target;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1_000_000) / 1_000_000;
}

function round(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}
