import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('opens and clicks in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  beforeAll(async () => {
    parley = await startParley(backend);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('reports the notification centre opening an item and following it, and shows both to the operator', async () => {
    const buyer = user('buyer-engage');
    const requestId = randomUUID();
    const sent = await parley.request('POST', '/notifications', {
      body: {
        requestId,
        notificationType: 'transactional',
        channels: ['in-app'],
        recipient: { userId: buyer },
        message: { inAppMessage: { title: 'Your order shipped', body: 'Order 7 is on its way.', action: { type: 'viewOrder', url: `${parley.url}/app/preferences` } } },
      },
    });
    expect(sent.status).toBe(202);

    // The buyer opens the notification centre: the item is shown, so it is opened.
    const buyerPage = await signedIn(browser, parley, buyer, 'buyer', { path: '/notifications' });
    const link = buyerPage.page.getByRole('link', { name: 'View order: Your order shipped' });
    await eventually(() => link.isVisible()).toBe(true);
    await eventually(async () => (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0].openedAt).not.toBeNull();
    expect(await axeViolations(buyerPage.page)).toEqual([]);
    // Following it is a click.
    await link.click();
    await eventually(() => new URL(buyerPage.page.url()).pathname).toBe('/app/preferences');
    await eventually(async () => (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0].status).toBe('clicked');
    const delivery = (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0];
    expect(delivery.engagement).toMatchObject({ opens: 1, machineOpens: 0, clicks: [{ source: 'app', machine: false }] });
    expect(buyerPage.errors).toEqual([]);
    await buyerPage.context.close();

    // The operator sees the opens and clicks per channel, and looks the notification up.
    const operator = await signedIn(browser, parley, user('op'), 'operator', { path: '/operator' });
    const page = operator.page;
    await eventually(() => page.getByRole('columnheader', { name: 'Opened' }).isVisible()).toBe(true);
    const inApp = page.getByRole('row', { name: /^In-app/ });
    await eventually(() => inApp.getByRole('cell').nth(8).textContent()).toMatch(/^1 \(100/);
    await page.getByRole('textbox', { name: 'Request id' }).fill('not an id');
    await page.getByRole('button', { name: 'Look up' }).click();
    await eventually(() => page.getByText('Enter the requestId the notification was sent with').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Request id' }).fill(requestId);
    await page.getByRole('button', { name: 'Look up' }).click();
    const card = page.getByRole('list', { name: 'Deliveries' }).getByRole('listitem');
    await eventually(() => card.getByRole('heading', { name: /In-app/ }).textContent()).toContain('clicked');
    await expect.poll(() => card.textContent()).toContain('(1 open)');
    expect(await card.getByRole('table').getByRole('row').nth(1).textContent()).toContain('Reported by the appA person');
    expect(await axeViolations(page)).toEqual([]);
    expect(operator.errors).toEqual([]);
    await operator.context.close();
  });
});
