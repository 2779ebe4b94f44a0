import { ConfigError, type Env, int } from '../env.ts';

/** How an actual figure meets its target: strictly above it, strictly below it, or at least it. */
export type Comparison = 'above' | 'below' | 'at_least';
export type KpiUnit = 'ratio' | 'milliseconds' | 'seconds' | 'per_second';

/** The KPIs of the specification's §5 that Parley measures, with the unit and sense of each target. */
export const KPI_CATALOGUE = {
  delivery_rate: { group: 'operational', unit: 'ratio', comparison: 'above' },
  delivery_latency_p50: { group: 'operational', unit: 'milliseconds', comparison: 'below' },
  delivery_latency_p95: { group: 'operational', unit: 'milliseconds', comparison: 'below' },
  delivery_latency_p99: { group: 'operational', unit: 'milliseconds', comparison: 'below' },
  error_rate: { group: 'operational', unit: 'ratio', comparison: 'below' },
  throughput_sustained: { group: 'operational', unit: 'per_second', comparison: 'at_least' },
  throughput_peak: { group: 'operational', unit: 'per_second', comparison: 'at_least' },
  uptime: { group: 'operational', unit: 'ratio', comparison: 'at_least' },
  email_open_rate: { group: 'engagement', unit: 'ratio', comparison: 'above' },
  email_click_through_rate: { group: 'engagement', unit: 'ratio', comparison: 'above' },
  push_click_through_rate: { group: 'engagement', unit: 'ratio', comparison: 'above' },
  vendor_response_time: { group: 'engagement', unit: 'seconds', comparison: 'below' },
  promotional_conversion_rate: { group: 'engagement', unit: 'ratio', comparison: 'above' },
  opt_out_rate: { group: 'engagement', unit: 'ratio', comparison: 'below' },
} as const satisfies Record<string, { group: 'operational' | 'engagement'; unit: KpiUnit; comparison: Comparison }>;
export type KpiName = keyof typeof KPI_CATALOGUE;

/**
 * The targets of the specification (§5), by KPI and, where it has one, its channel or
 * notification type ("delivery_rate.email"). PARLEY_KPI_TARGETS overrides or adds any of them.
 */
export const DEFAULT_KPI_TARGETS: Record<string, number> = {
  'delivery_rate.email': 0.995,
  'delivery_rate.sms': 0.98,
  'delivery_rate.push': 0.99,
  'delivery_rate.in-app': 1,
  'delivery_latency_p95.email': 5000,
  'delivery_latency_p95.sms': 3000,
  'delivery_latency_p95.push': 1000,
  'delivery_latency_p95.in-app': 100,
  'error_rate.email': 0.005,
  'error_rate.sms': 0.02,
  'error_rate.push': 0.01,
  throughput_sustained: 15000,
  throughput_peak: 20000,
  uptime: 0.9999,
  'email_open_rate.transactional': 0.25,
  'email_open_rate.promotional': 0.15,
  'email_click_through_rate.transactional': 0.05,
  'email_click_through_rate.promotional': 0.02,
  push_click_through_rate: 0.1,
  vendor_response_time: 1800,
  promotional_conversion_rate: 0.015,
  'opt_out_rate.email': 0.005,
  'opt_out_rate.sms': 0.008,
};

/** Where a KPI's target is met otherwise than its kind says: in-platform delivery's target is all of them (100%). */
export const COMPARISON_OVERRIDES: Record<string, Comparison> = { 'delivery_rate.in-app': 'at_least' };

/** The qualifier each KPI is reported for (a channel or a notification type), or none. */
export const KPI_QUALIFIERS: Record<KpiName, readonly (string | null)[]> = {
  delivery_rate: ['email', 'sms', 'push', 'in-app', 'whatsapp'],
  delivery_latency_p50: ['email', 'sms', 'push', 'in-app', 'whatsapp'],
  delivery_latency_p95: ['email', 'sms', 'push', 'in-app', 'whatsapp'],
  delivery_latency_p99: ['email', 'sms', 'push', 'in-app', 'whatsapp'],
  error_rate: ['email', 'sms', 'push', 'in-app', 'whatsapp'],
  throughput_sustained: [null],
  throughput_peak: [null],
  uptime: [null],
  email_open_rate: ['transactional', 'promotional'],
  email_click_through_rate: ['transactional', 'promotional'],
  push_click_through_rate: [null],
  vendor_response_time: [null],
  promotional_conversion_rate: [null],
  opt_out_rate: ['email', 'sms', 'whatsapp'],
};

export interface KpiSettings {
  /** Target by key ("delivery_rate.email", "vendor_response_time"): the defaults with PARLEY_KPI_TARGETS over them. */
  targets: Record<string, number>;
  /** An order this many hours after a promotional notification was opened or clicked counts as its conversion. */
  attributionHours: number;
}

export function kpiKey(name: string, qualifier: string | null): string {
  return qualifier === null ? name : `${name}.${qualifier}`;
}

const knownKeys = new Set(Object.entries(KPI_QUALIFIERS).flatMap(([name, qualifiers]) => qualifiers.map((q) => kpiKey(name, q))));

export function loadKpiSettings(env: Env): KpiSettings {
  const targets = { ...DEFAULT_KPI_TARGETS };
  const raw = env.PARLEY_KPI_TARGETS?.trim();
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError('PARLEY_KPI_TARGETS', 'is not JSON; write an object such as {"delivery_rate.email": 0.99}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError('PARLEY_KPI_TARGETS', 'must be a JSON object of KPI keys and numbers, such as {"delivery_rate.email": 0.99}');
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (!knownKeys.has(key)) throw new ConfigError('PARLEY_KPI_TARGETS', `unknown KPI "${key}"; use one of ${[...knownKeys].join(', ')}`);
      if (value === null) {
        delete targets[key];
        continue;
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigError('PARLEY_KPI_TARGETS', `"${key}" must be a number of at least 0 (or null for no target)`);
      targets[key] = value;
    }
  }
  return { targets, attributionHours: int(env, 'PARLEY_KPI_ATTRIBUTION_HOURS', 168, 1, 24 * 90) };
}
