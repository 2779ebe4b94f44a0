import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { startParley, type TestParley } from './support/parley.ts';

/**
 * The observability pack: deploy/prometheus/alerts.yml passes `promtool check rules`, each alert
 * fires on the series that should fire it (`promtool test rules`), every query of
 * deploy/grafana/parley.json is valid PromQL, and every metric either names is on a running
 * Parley's /metrics.
 */

const rulesFile = join(import.meta.dirname, '..', 'deploy', 'prometheus', 'alerts.yml');
const dashboardFile = join(import.meta.dirname, '..', 'deploy', 'grafana', 'parley.json');
const rules = readFileSync(rulesFile, 'utf8');
const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));

/** promtool, from Debian's prometheus package; CI installs it, so there a missing one is a failure. */
function promtool(args: string[]) {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error) throw new Error(`promtool is not on PATH (apt-get install prometheus): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Every expression of every dashboard panel. */
function panelQueries(): { title: string; expr: string }[] {
  return dashboard.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => ({ title: p.title, expr: t.expr })));
}

const metricNames = (text: string) => [...new Set(text.match(/\bparley_[a-z0-9_]+/g) ?? [])];

describe('the alert rules and the dashboard', () => {
  it('pass promtool check rules', () => {
    const check = promtool(['check', 'rules', rulesFile]);
    expect(check.output).toContain('SUCCESS: 5 rules found');
    expect(check.status).toBe(0);
  });

  it('alert on a low delivery rate, a growing backlog, an open breaker, new dead letters and WebSocket errors, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-rules-'));
    const annotations = {
      rate: (channel: string, value: string) => ({
        summary: `${channel} delivery rate ${value} is under its target`,
        description: `Fewer ${channel} notifications were confirmed delivered in the last hour than the KPI target asks. Check GET /notifications/analytics (errors by code, provider health) and GET /kpis.`,
      }),
    };
    // YAML is a superset of JSON: the unit tests are written as JSON.
    const tests = {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            // email: 90 of 100 a minute delivered (under 99.5%); sms: 99 of 100 (over 98%).
            { series: 'parley_notifications_sent_total{channel="email",provider="sendgrid"}', values: '0+100x150' },
            { series: 'parley_notifications_delivered_total{channel="email",provider="sendgrid"}', values: '0+90x150' },
            { series: 'parley_notifications_sent_total{channel="sms",provider="twilio"}', values: '0+100x150' },
            { series: 'parley_notifications_delivered_total{channel="sms",provider="twilio"}', values: '0+99x150' },
          ],
          alert_rule_test: [
            { eval_time: '20m', alertname: 'ParleyDeliveryRateBelowTarget', exp_alerts: [] },
            { eval_time: '120m', alertname: 'ParleyDeliveryRateBelowTarget', exp_alerts: [{ exp_labels: { severity: 'warning', channel: 'email' }, exp_annotations: annotations.rate('email', '90%') }] },
          ],
        },
        {
          interval: '1m',
          input_series: [
            { series: 'parley_notification_queue_depth{state="due"}', values: '2000+60x60' },
            { series: 'parley_notification_queue_depth{state="scheduled"}', values: '5000x60' },
          ],
          alert_rule_test: [
            { eval_time: '10m', alertname: 'ParleyQueueBacklogGrowing', exp_alerts: [] },
            {
              eval_time: '40m',
              alertname: 'ParleyQueueBacklogGrowing',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', state: 'due' },
                  exp_annotations: {
                    summary: 'The notification queue backlog is growing: 1 deliveries due a second more',
                    description: 'Workers are not keeping up: add worker processes (PARLEY_ROLES=worker) and check provider latency and breakers.',
                  },
                },
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [
            { series: 'parley_provider_circuit_open{channel="email",provider="sendgrid"}', values: '0 0 1x20' },
            { series: 'parley_provider_circuit_open{channel="sms",provider="twilio"}', values: '0x22' },
          ],
          alert_rule_test: [
            {
              eval_time: '15m',
              alertname: 'ParleyProviderBreakerOpen',
              exp_alerts: [
                {
                  exp_labels: { severity: 'critical', channel: 'email', provider: 'sendgrid' },
                  exp_annotations: {
                    summary: 'Provider sendgrid (email) is passed over: its circuit breaker is open',
                    description: "Repeated failures opened the breaker; deliveries go to the next provider of the channel, or wait. Check the provider's status and GET /notifications/analytics.",
                  },
                },
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [
            { series: 'parley_notifications_dead_letters_total{channel="push"}', values: '0+1x60' },
            { series: 'parley_notifications_dead_letters_total{channel="email"}', values: '3x60' },
          ],
          alert_rule_test: [
            {
              eval_time: '45m',
              alertname: 'ParleyDeadLettersGrowing',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', channel: 'push' },
                  exp_annotations: {
                    summary: 'push deliveries are running out of attempts: 15 in 15 minutes',
                    description: 'New dead letters keep arriving. Read them with GET /notifications/dead-letters and replay once the cause is fixed.',
                  },
                },
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [
            { series: 'parley_websocket_errors_total{kind="internal"}', values: '0+60x40' },
            { series: 'parley_websocket_errors_total{kind="heartbeat_timeout"}', values: '0+600x40' },
          ],
          alert_rule_test: [
            {
              eval_time: '30m',
              alertname: 'ParleyWebSocketErrors',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', kind: 'internal' },
                  exp_annotations: {
                    summary: 'WebSocket internal errors: 1 a second',
                    description: "Live streams are failing on the server side. Check the logs for 'socket frame failed' and the database's health (GET /ready).",
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const file = join(dir, 'alerts.test.yml');
    writeFileSync(file, JSON.stringify(tests, null, 2));
    const run = promtool(['test', 'rules', file]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status, run.output).toBe(0);
  });

  it("has dashboard queries that are valid PromQL (checked as recording rules)", () => {
    const queries = panelQueries();
    expect(queries.length).toBeGreaterThan(15);
    const dir = mkdtempSync(join(tmpdir(), 'parley-dashboard-'));
    const asRules = { groups: [{ name: 'dashboard', rules: queries.map((q, i) => ({ record: `parley_dashboard:query_${i}`, expr: q.expr })) }] };
    const file = join(dir, 'dashboard-queries.yml');
    writeFileSync(file, JSON.stringify(asRules));
    const check = promtool(['check', 'rules', file]);
    expect(check.status, check.output).toBe(0);
  });
});

describe.each(backends)('the metrics the dashboard and the alerts use, on $name', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend);
  });
  afterAll(async () => parley?.close());

  it('are all exported on /metrics', async () => {
    const reply = await parley.request('GET', '/metrics');
    expect(reply.status).toBe(200);
    const exported = new Map([...String(reply.body).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name!, type!]));
    const has = (name: string) => {
      if (exported.has(name)) return true;
      const base = name.replace(/_(bucket|sum|count)$/, '');
      return base !== name && exported.get(base) === 'histogram';
    };
    const used = metricNames(`${rules}\n${panelQueries().map((q) => q.expr).join('\n')}`);
    expect(used.length).toBeGreaterThan(12);
    expect(used.filter((name) => !has(name))).toEqual([]);
  });

  it('count open WebSockets', async () => {
    const gauge = async () => Number(/^parley_websocket_connections (\S+)$/m.exec(String((await parley.request('GET', '/metrics')).body))?.[1]);
    expect(await gauge()).toBe(0);
    const socket = await parley.connect('metrics-watcher');
    expect(await gauge()).toBe(1);
    await socket.close();
    for (let i = 0; i < 100 && (await gauge()) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await gauge()).toBe(0);
  });
});
