import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/crypto/standard-webhooks.ts';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { placeOrder, quietJobs } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('webhooks in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  let server: Server;
  let receiverUrl: string;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/helpdesk`;
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', PARLEY_WEBHOOK_POLL_MS: '50' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('lets a seller register an endpoint, copy its secret once, and read its delivery log', async () => {
    const seller = unique('seller');
    const { page, errors, context } = await signedIn(browser, parley, seller, 'seller', { path: '/webhooks' });
    await eventually(() => page.getByRole('heading', { name: 'Webhooks', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('page');
    await eventually(() => page.getByText('No endpoints yet.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // An address inside the network is refused with a sentence saying why; nothing is registered.
    await page.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Register' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('webhooks go to public addresses only');
    expect((await parley.request('GET', '/webhook-endpoints', { as: seller, role: 'seller' })).body.endpoints).toEqual([]);

    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByLabel('Description (optional)').fill('Helpdesk');
    await page.getByRole('checkbox', { name: 'order.paid' }).check();
    await page.getByRole('button', { name: 'Register' }).click();
    const secretRegion = page.getByRole('region', { name: 'Signing secret' });
    await eventually(() => secretRegion.isVisible()).toBe(true);
    const secret = (await secretRegion.locator('code').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    const endpoints = page.getByRole('list', { name: 'Webhook endpoints' });
    await eventually(() => endpoints.getByText(receiverUrl).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const { orderId } = await placeOrder(parley, { buyer: { userId: unique('buyer') }, seller: { userId: seller } });
    await eventually(() => received.some((r) => JSON.parse(r.body).data.order?.orderId === orderId)).toBe(true);
    const request = received.find((r) => JSON.parse(r.body).data.order?.orderId === orderId)!;
    expect(verifyWebhook(secret, { id: String(request.headers['webhook-id']), timestamp: String(request.headers['webhook-timestamp']), signature: String(request.headers['webhook-signature']) }, request.body)).toBe(true);

    await page.getByRole('button', { name: `Delivery log of ${receiverUrl}` }).click();
    const log = page.getByRole('table', { name: `Deliveries to ${receiverUrl}, newest first` });
    await eventually(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return log.getByRole('row').filter({ hasText: 'order.placed' }).filter({ hasText: 'Delivered' }).count();
    }).toBe(1);
    expect(await log.getByRole('row').filter({ hasText: 'order.placed' }).textContent()).toContain('HTTP 204');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Pause ${receiverUrl}` }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'are paused' }).count()).toBe(1);
    await eventually(() => endpoints.getByText('Paused').isVisible()).toBe(true);
    expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
    await context.close();
  });

  it('tells a buyer the page is not for their role', async () => {
    const { page, errors, context } = await signedIn(browser, parley, unique('buyer'), 'buyer', { path: '/webhooks' });
    await eventually(() => page.getByRole('heading', { name: 'Webhooks' }).isVisible()).toBe(true);
    await eventually(() => page.getByText(/not available for your role/).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
