import { spawnSync } from 'node:child_process';
import { Counter, Gauge, Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

/** promtool, from Debian's prometheus package; CI installs it, so there a missing one is a failure. */
function promtool(): boolean {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (found.error && process.env.CI) throw new Error('promtool is not on PATH: CI installs Debian\'s prometheus package for it (see .ci/run)');
  return !found.error;
}

/** A scrape with a sample in every series: each labelled series with one value for each label. */
async function scrape(): Promise<string> {
  const metrics = createMetrics();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const labels = Object.fromEntries(((metric as unknown as { labelNames?: string[] }).labelNames ?? []).map((name) => [name, 'x']));
    if (metric instanceof Counter) metric.inc(labels);
    else if (metric instanceof Gauge && Object.keys(labels).length > 0) metric.set(labels, 1);
    else if (metric instanceof Histogram) metric.observe(labels, 0.2);
  }
  return metrics.registry.metrics();
}

describe('metric names', () => {
  it('start with parley_, once, and counters, and only counters, end in _total', async () => {
    const types = [...(await scrape()).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    expect(types.length).toBeGreaterThan(20);
    for (const { name, type } of types) {
      expect(name).toMatch(/^parley_/);
      expect(name).not.toMatch(/^parley_(process_process|parley|nodejs_nodejs)_/);
      expect({ name, counter: name.endsWith('_total') }).toEqual({ name, counter: type === 'counter' });
    }
  });

  it('pass promtool check metrics', async () => {
    if (!promtool()) {
      console.warn('promtool is not on PATH (apt-get install prometheus): the lint of /metrics did not run here');
      return;
    }
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: await scrape(), encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });
});
