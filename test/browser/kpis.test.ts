import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

/** The text of a KPI row's cells: KPI, target, actual, status. */
async function row(page: Page, key: string): Promise<string[]> {
  const cells = page.locator(`tr[data-kpi="${key}"] > *`);
  return (await cells.allInnerTexts()).slice(0, 4).map((t) => t.trim());
}

describe.each(backends)('the KPI dashboards in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  const tag = randomUUID().slice(0, 6);
  const vendor = `seller-kpi-${tag}`;
  const other = `seller-other-${tag}`;

  /** Deliveries of a day ago: `delivered` of `total` for the vendor, each delivered after `latencyMs`. */
  async function deliveries(vendorId: string, channel: string, total: number, delivered: number, latencyMs: number) {
    const createdAt = new Date(Date.now() - 86_400_000);
    await parley.db
      .insertInto('notification_logs')
      .values(
        Array.from({ length: total }, (_, i) => ({
          log_id: randomUUID(),
          request_id: randomUUID(),
          user_id: `buyer-${i}-${tag}`,
          channel,
          notification_type: 'transactional',
          status: i < delivered ? 'delivered' : 'failed',
          send_time: createdAt,
          delivery_time: i < delivered ? new Date(createdAt.getTime() + latencyMs) : null,
          metadata: JSON.stringify({ vendorId }),
          created_at: createdAt,
          priority: 1,
          due_at: createdAt,
          max_retries: 3,
          request_hash: 'x'.repeat(64),
          recipient: JSON.stringify({ userId: `buyer-${i}-${tag}`, address: 'someone' }),
          content: JSON.stringify({ kind: 'literal', fields: { text: 'Hello' } }),
          history: JSON.stringify([]),
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    parley = await startParley(backend);
    browser = await launchBrowser();
    await deliveries(vendor, 'email', 10, 9, 2000); // 90%: under the 99.5% target
    await deliveries(vendor, 'in-app', 4, 4, 50); // 100%: the target
    await deliveries(other, 'email', 20, 20, 8000);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('shows operators every KPI beside its target, met or missed, filtered by vendor and channel', async () => {
    const { page, errors, context } = await signedIn(browser, parley, 'ops-kpi', 'operator', { path: '/kpis' });
    await eventually(() => page.getByRole('heading', { name: 'KPIs', level: 1 }).isVisible()).toBe(true);
    await eventually(() => row(page, 'delivery_rate.email')).toEqual(['Delivery rate · Email', '> 99.50%', '96.67%', '✗ Missed']);
    expect(await row(page, 'delivery_rate.in-app')).toEqual(['Delivery rate · In-platform', '≥ 100%', '100%', '✓ Met']);
    expect(await row(page, 'delivery_rate.sms')).toEqual(['Delivery rate · SMS', '> 98.00%', '–', 'No data']);
    expect(await row(page, 'vendor_response_time')).toEqual(['Vendor response time in chat', '< 30 min', '–', 'No data']);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Vendor ID').fill(other);
    await page.getByLabel('Channel').selectOption('email');
    await page.getByRole('button', { name: 'Show' }).click();
    await eventually(() => row(page, 'delivery_rate.email')).toEqual(['Delivery rate · Email', '> 99.50%', '100%', '✓ Met']);
    expect(await row(page, 'delivery_latency_p95.email')).toEqual(['Delivery latency p95 · Email', '< 5.00 s', '8.00 s', '✗ Missed']);
    expect(await row(page, 'delivery_rate.in-app')).toEqual(['Delivery rate · In-platform', '≥ 100%', '–', 'No data']);
    await eventually(() => page.getByText(`vendor ${other}`).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a seller their own engagement KPIs on their dashboard, and nobody else's", async () => {
    const { page, errors, context } = await signedIn(browser, parley, vendor, 'seller', { path: '/seller' });
    await eventually(() => page.getByRole('heading', { name: 'Your engagement KPIs', level: 2 }).isVisible()).toBe(true);
    await eventually(() => row(page, 'delivery_rate.email')).toEqual(['Delivery rate · Email', '> 99.50%', '90.00%', '✗ Missed']);
    expect(await row(page, 'delivery_rate.in-app')).toEqual(['Delivery rate · In-platform', '≥ 100%', '100%', '✓ Met']);
    expect(await page.getByLabel('Vendor ID').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
