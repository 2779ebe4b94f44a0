import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

/**
 * prom-client's default gauges that end in _total, which Prometheus reserves for counters; each
 * repeats a gauge without the suffix (parley_nodejs_active_handles and so on), which stays.
 */
const misnamedDefaults = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * Every Prometheus series Parley exports, in one registry per app (tests build several apps).
 * Names follow Prometheus' conventions (`promtool check metrics` passes on a scrape): all start
 * with parley_, counters end in _total, and a unit is named where there is one (_seconds, _bytes).
 */
export function createMetrics() {
  const registry = new Registry();
  const prefix = 'parley_';
  collectDefaultMetrics({ register: registry, prefix });
  for (const name of misnamedDefaults) registry.removeSingleMetric(`${prefix}${name}`);
  const m = {
    registry,
    accepted: new Counter({ name: 'parley_notifications_accepted_total', help: 'Deliveries accepted, by channel', labelNames: ['channel'], registers: [registry] }),
    sent: new Counter({ name: 'parley_notifications_sent_total', help: 'Deliveries handed to a provider (or the in-app feed)', labelNames: ['channel', 'provider'], registers: [registry] }),
    delivered: new Counter({ name: 'parley_notifications_delivered_total', help: 'Deliveries confirmed delivered (provider callback, or an in-app socket)', labelNames: ['channel', 'provider'], registers: [registry] }),
    failed: new Counter({ name: 'parley_notifications_failed_total', help: 'Failed provider calls, by kind (retryable or permanent)', labelNames: ['channel', 'provider', 'kind'], registers: [registry] }),
    skipped: new Counter({ name: 'parley_notifications_skipped_total', help: 'Deliveries not sent because of preferences or limits', labelNames: ['channel', 'reason'], registers: [registry] }),
    retries: new Counter({ name: 'parley_notifications_retries_total', help: 'Deliveries scheduled for another attempt', labelNames: ['channel'], registers: [registry] }),
    deadLetters: new Counter({ name: 'parley_notifications_dead_letters_total', help: 'Deliveries that ran out of attempts', labelNames: ['channel'], registers: [registry] }),
    engagement: new Counter({ name: 'parley_notifications_engagement_total', help: 'Opens, clicks, reads, bounces and complaints reported', labelNames: ['channel', 'event'], registers: [registry] }),
    sentLatency: new Histogram({ name: 'parley_notification_accepted_to_sent_seconds', help: 'From acceptance (or sendAt) to the provider accepting it', labelNames: ['channel'], buckets: latencyBuckets, registers: [registry] }),
    deliveredLatency: new Histogram({ name: 'parley_notification_accepted_to_delivered_seconds', help: 'From acceptance (or sendAt) to confirmed delivery', labelNames: ['channel'], buckets: latencyBuckets, registers: [registry] }),
    queueDepth: new Gauge({ name: 'parley_notification_queue_depth', help: 'Deliveries waiting: due now, scheduled later, or being sent', labelNames: ['state'], registers: [registry] }),
    websocketConnections: new Gauge({ name: 'parley_websocket_connections', help: 'WebSockets open on this process', registers: [registry] }),
    websocketErrors: new Counter({
      name: 'parley_websocket_errors_total',
      help: 'WebSocket failures on the server side: a frame that failed (internal, database_unavailable), a socket error, a client that stopped answering pings (heartbeat_timeout)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    breakerOpen: new Gauge({ name: 'parley_provider_circuit_open', help: '1 while a provider is passed over after repeated failures', labelNames: ['channel', 'provider'], registers: [registry] }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
