import type { DeliveryLog, EngagementRow, LatencyRow, SeriesRow, StatusRow } from '../deliveries/delivery-log.ts';
import type { BreakerReport } from '../dispatch/provider-send.ts';
import { CHANNELS } from '../model.ts';
import { EXTERNAL_CHANNELS, type ProvidersConfig } from '../providers/registry.ts';

/**
 * Delivery analytics for the operator dashboard, read through the deliveries (notification_logs)
 * so that every process answers the same: the deliveries accepted in a window (a range on
 * created_at, index notification_logs_created_at) and where each of them is now. Provider
 * breakers are the exception: they live in each worker process, and are reported as this
 * process sees them.
 */

export const ANALYTICS_DEFAULT_HOURS = 24;
export const ANALYTICS_MAX_HOURS = 720;
const HOUR_MS = 3_600_000;

const PENDING = new Set(['queued', 'standby', 'sending']);
const DELIVERED = new Set(['delivered', 'opened', 'read', 'clicked']);
const FAILED = new Set(['failed', 'bounced']);

export interface CodeCount {
  code: string;
  count: number;
}

export interface ChannelAnalytics {
  channel: string;
  /** Deliveries accepted in the window (one per notification and channel). */
  accepted: number;
  /** Still queued, waiting as a fallback step, or being sent. */
  pending: number;
  /** Reached an outcome through a provider or the feed: sent at least once, or failed, bounced or dead-lettered. */
  attempted: number;
  /** Handed to a provider (or the in-app feed) at least once; includes those delivered, and those that bounced later. */
  sent: number;
  /** Confirmed delivered (a provider callback, or an in-app socket), or opened, read or clicked since. */
  delivered: number;
  /** Failed for good: a permanent refusal, a template that does not render, a bounce or a failure the provider reported. */
  failed: number;
  /** Ran out of retries: in the dead-letter queue. */
  deadLettered: number;
  /** Not sent on purpose: preferences, quiet-hour limits, suppressed addresses, an earlier fallback step delivered, no device. */
  skipped: number;
  /** Withdrawn before they went out. */
  cancelled: number;
  /** sent ÷ attempted; null when nothing was attempted. */
  sentRate: number | null;
  /** delivered ÷ attempted; null when nothing was attempted. */
  deliveryRate: number | null;
  latencyMs: { sentP50: number | null; sentP95: number | null; deliveredP50: number | null; deliveredP95: number | null };
  /** Error codes of the failed and dead-lettered deliveries, most frequent first. */
  errors: CodeCount[];
  /** Why deliveries were skipped, most frequent first. */
  skipReasons: CodeCount[];
  /** Opens and clicks: by people, and apart from them the deliveries only machines opened or clicked. */
  engagement: EngagementFigures;
}

export interface EngagementFigures {
  /** Deliveries a person opened (an email's pixel, an open the app reported, or a click). */
  opened: number;
  /** Deliveries a person clicked. */
  clicked: number;
  /** opened ÷ sent; null when nothing was sent. */
  openRate: number | null;
  /** clicked ÷ sent; null when nothing was sent. */
  clickRate: number | null;
  /** Deliveries opened only by machines (mail privacy proxies, scanners): in no rate. */
  machineOnlyOpened: number;
  /** Deliveries clicked only by machines (link scanners): in no rate. */
  machineOnlyClicked: number;
}

export interface SeriesPoint {
  /** Start of the hour (UTC) in which the deliveries were accepted. */
  hour: string;
  channel: string;
  accepted: number;
  sent: number;
  delivered: number;
  failed: number;
  deadLettered: number;
}

export interface ProviderHealth {
  name: string;
  channel: string;
  /** Listed in PARLEY_PROVIDERS (or the console default) of this process. */
  configured: boolean;
  /** This process's circuit breaker; null when this process runs no worker (PARLEY_ROLES=api) or the provider is not configured. */
  state: 'closed' | 'open' | 'half_open' | null;
  consecutiveFailures: number | null;
  /** When an open breaker lets its next trial call through. */
  trialAt: string | null;
  /** Deliveries accepted in the window that this provider sent (the delivery's recorded provider). */
  sent: number;
  /** Calls to this provider that failed, retryable or not, recorded in the history of the window's deliveries. */
  failedAttempts: number;
}

export interface NotificationAnalytics {
  window: { from: string; to: string; hours: number };
  channels: ChannelAnalytics[];
  series: SeriesPoint[];
  providers: ProviderHealth[];
}

export interface AnalyticsOptions {
  deliveries: DeliveryLog;
  /** PARLEY_PROVIDERS, for the names of the providers of each channel. */
  providers: ProvidersConfig;
  /** This process's circuit breakers; undefined without a worker. */
  breakers: () => BreakerReport[] | undefined;
}

export function createNotificationAnalytics({ deliveries, providers, breakers }: AnalyticsOptions) {
  /**
   * The window is the current hour and the `hours − 1` whole hours before it (UTC), so that the
   * hourly series has exactly `hours` buckets; it ends now.
   */
  async function report(hours: number, now = new Date()): Promise<NotificationAnalytics> {
    const lastHour = Math.floor(now.getTime() / HOUR_MS);
    const firstHour = lastHour - hours + 1;
    const from = new Date(firstHour * HOUR_MS).toISOString();
    const to = now.toISOString();

    const { statuses, latencies, series, failedAttempts, engagement } = await deliveries.figures(from, to);

    return {
      window: { from, to, hours },
      channels: channelFigures(statuses, latencies, engagement),
      series: seriesPoints(series, firstHour, lastHour),
      providers: providerHealth(statuses, failedAttempts),
    };
  }

  function channelFigures(statuses: StatusRow[], latencies: LatencyRow[], engagement: EngagementRow[]): ChannelAnalytics[] {
    const names = [...new Set([...CHANNELS, ...statuses.map((r) => r.channel)])];
    return names.map((channel) => {
      const c = { accepted: 0, pending: 0, attempted: 0, sent: 0, delivered: 0, failed: 0, deadLettered: 0, skipped: 0, cancelled: 0 };
      const errors = new Map<string, number>();
      const skips = new Map<string, number>();
      for (const r of statuses) {
        if (r.channel !== channel) continue;
        c.accepted += r.n;
        if (r.sent) c.sent += r.n;
        if (r.sent || FAILED.has(r.status) || r.status === 'dead') c.attempted += r.n;
        if (PENDING.has(r.status)) c.pending += r.n;
        else if (DELIVERED.has(r.status)) c.delivered += r.n;
        else if (FAILED.has(r.status)) c.failed += r.n;
        else if (r.status === 'dead') c.deadLettered += r.n;
        else if (r.status === 'skipped') c.skipped += r.n;
        else if (r.status === 'cancelled') c.cancelled += r.n;
        const code = r.error_code ?? 'unknown';
        if (FAILED.has(r.status) || r.status === 'dead') errors.set(code, (errors.get(code) ?? 0) + r.n);
        if (r.status === 'skipped') skips.set(code, (skips.get(code) ?? 0) + r.n);
      }
      const l = latencies.find((x) => x.channel === channel);
      const e = engagement.find((x) => x.channel === channel);
      return {
        channel,
        ...c,
        sentRate: ratio(c.sent, c.attempted),
        deliveryRate: ratio(c.delivered, c.attempted),
        latencyMs: { sentP50: ms(l?.sent_p50), sentP95: ms(l?.sent_p95), deliveredP50: ms(l?.delivered_p50), deliveredP95: ms(l?.delivered_p95) },
        errors: ranked(errors),
        skipReasons: ranked(skips),
        engagement: {
          opened: e?.opened ?? 0,
          clicked: e?.clicked ?? 0,
          openRate: ratio(e?.opened ?? 0, c.sent),
          clickRate: ratio(e?.clicked ?? 0, c.sent),
          machineOnlyOpened: e?.machine_only_opened ?? 0,
          machineOnlyClicked: e?.machine_only_clicked ?? 0,
        },
      };
    });
  }

  /** Every hour of the window for each channel that had deliveries in it, zeros included. */
  function seriesPoints(rows: SeriesRow[], firstHour: number, lastHour: number): SeriesPoint[] {
    const channels = [...new Set([...CHANNELS.filter((c) => rows.some((r) => r.channel === c)), ...rows.map((r) => r.channel)])];
    const byKey = new Map(rows.map((r) => [`${r.hour}\n${r.channel}`, r]));
    const points: SeriesPoint[] = [];
    for (let h = firstHour; h <= lastHour; h++) {
      const hour = new Date(h * HOUR_MS).toISOString();
      for (const channel of channels) {
        const r = byKey.get(`${h}\n${channel}`);
        points.push({ hour, channel, accepted: r?.accepted ?? 0, sent: r?.sent ?? 0, delivered: r?.delivered ?? 0, failed: r?.failed ?? 0, deadLettered: r?.dead ?? 0 });
      }
    }
    return points;
  }

  /** Configured providers in failover order (with this process's breakers), then any others the window's deliveries name. */
  function providerHealth(statuses: StatusRow[], failed: { channel: string; provider: string; n: number }[]): ProviderHealth[] {
    const key = (channel: string, name: string) => `${channel}\n${name}`;
    const breakerOf = new Map((breakers() ?? []).map((b) => [key(b.channel, b.provider), b]));
    const sent = new Map<string, number>();
    for (const r of statuses) if (r.sent && r.provider && r.channel !== 'in-app') sent.set(key(r.channel, r.provider), (sent.get(key(r.channel, r.provider)) ?? 0) + r.n);
    const failures = new Map(failed.map((r) => [key(r.channel, r.provider), r.n]));

    const listed: { channel: string; name: string; configured: boolean }[] = [];
    for (const channel of EXTERNAL_CHANNELS) {
      const entries = providers[channel];
      const names = entries?.length ? entries.map((e) => e.name ?? e.type) : ['console'];
      for (const name of names) listed.push({ channel, name, configured: true });
    }
    const known = new Set(listed.map((p) => key(p.channel, p.name)));
    const others = [...new Set([...sent.keys(), ...failures.keys()])].filter((k) => !known.has(k)).sort();
    for (const k of others) {
      const [channel, name] = k.split('\n') as [string, string];
      listed.push({ channel, name, configured: false });
    }

    return listed.map(({ channel, name, configured }) => {
      const b = breakerOf.get(key(channel, name));
      return {
        name,
        channel,
        configured,
        state: b ? (b.state === 'half-open' ? 'half_open' : b.state) : null,
        consecutiveFailures: b ? b.consecutiveFailures : null,
        trialAt: b && b.state === 'open' ? new Date(b.reopensAt).toISOString() : null,
        sent: sent.get(key(channel, name)) ?? 0,
        failedAttempts: failures.get(key(channel, name)) ?? 0,
      };
    });
  }

  return { report };
}

export type NotificationAnalyticsService = ReturnType<typeof createNotificationAnalytics>;

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function ms(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value));
}

function ranked(counts: Map<string, number>): CodeCount[] {
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
