import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../../scripts/build-sdk.ts';
import { backends } from '../support/backends.ts';
import { launchBrowser } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
/** Live updates cross a socket and a worker: give them time on a busy machine. */
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

/**
 * A marketplace's own site, on an origin that is not Parley's: its pages, and the package's
 * files under /parley/ as the site would serve them after installing @parley/sdk.
 */
function shopSite(packageDir: string) {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://shop').pathname;
    if (path.startsWith('/parley/')) {
      const file = normalize(join(packageDir, path.slice('/parley/'.length)));
      if (!file.startsWith(packageDir)) return void res.writeHead(404).end();
      try {
        return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
      } catch {
        return void res.writeHead(404).end();
      }
    }
    const page = pages.get(path);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  return { server, pages };
}

/** A product page of the shop, with Parley's elements where the shop wants them. */
const shopPage = (body: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Larkspur Market</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/parley/elements/index.js"></script>
    <style>body { font-family: Georgia, serif; margin: 0; } header { display: flex; justify-content: space-between; align-items: center; padding: 0.5rem 1rem; background: #222; color: #fff; }</style>
  </head>
  <body>
    ${body}
  </body>
</html>`;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

/**
 * The web components (@parley/sdk/elements) in a page that is not Parley's: built as the package
 * ships them, served by the shop's own server from another origin, talking to Parley through
 * CORS (PARLEY_CORS_ORIGINS) and its WebSocket. The views do not depend on the database
 * engine, so this runs on the embedded one.
 */
describe('Parley elements in a marketplace page', () => {
  let parley: TestParley;
  let browser: Browser;
  let work: string;
  let site: ReturnType<typeof shopSite>;
  let shop: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'parley-elements-'));
    site = shopSite(join(work, 'dist'));
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    const address = site.server.address();
    shop = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    [parley, browser] = await Promise.all([
      startParley(backends[0]!, { env: { PARLEY_CORS_ORIGINS: shop, PARLEY_POLL_MS: '50' } }),
      launchBrowser(),
      buildSdk(join(work, 'dist'), { types: false }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function visit(path: string, body: string) {
    site.pages.set(path, shopPage(body));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${shop}${path}`);
    return { context, page, errors };
  }

  it('shows the bell and the inbox with a token, live, and opens and answers a conversation inside the page', async () => {
    const buyer = user('buyer');
    const seller = user('seller');
    const orderId = `order-${randomUUID().slice(0, 8)}`;
    const { conversationId } = await orderConversation(parley, buyer, seller, orderId);
    expect((await sendMessage(parley, conversationId, 'Your parcel leaves today.', { as: seller, role: 'seller' })).status).toBe(201);
    const token = await parley.token(buyer, 'buyer', { name: 'Ana', expiresIn: '1h' });
    const attributes = `base-url="${parley.url}" token="${token}"`;
    const { page, errors, context } = await visit(
      '/account/messages',
      `<header><span>Larkspur Market</span><parley-bell ${attributes}></parley-bell></header>
       <main><h1>Your messages</h1><parley-inbox ${attributes} style="height: 640px"></parley-inbox></main>
       <script>window.navigations = []; document.addEventListener('parley-navigate', (e) => window.navigations.push(e.detail.path));</script>`,
    );

    // The inbox lists the order with its unread message; the bell counts no notification yet.
    const inbox = page.getByRole('region', { name: 'Inbox' });
    const row = inbox.getByRole('link', { name: new RegExp(`Order ${orderId}`) });
    await eventually(() => row.textContent()).toContain('Your parcel leaves today.');
    await eventually(() => row.textContent()).toMatch(/1 unread/);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await eventually(() => bell.getAttribute('aria-label')).toBe('Notifications, no unread');

    // A notification arrives live on the bell; its panel lists it and marks it read.
    const sent = await parley.request('POST', '/notifications', {
      body: { requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId: buyer }, message: { inAppMessage: { title: 'Order shipped', body: `Order ${orderId} is on its way.` } } },
    });
    expect(sent.status).toBe(202);
    await eventually(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await eventually(() => panel.getByText(`Order ${orderId} is on its way.`).isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await eventually(() => bell.getAttribute('aria-label')).toBe('Notifications, no unread');
    await page.keyboard.press('Escape');
    await eventually(() => panel.count()).toBe(0);

    // Opening the conversation keeps the shop's page and address; the page hears of it.
    await row.click();
    const composer = page.getByRole('textbox', { name: /^Message to/ });
    await eventually(() => composer.isEditable()).toBe(true);
    expect(page.url()).toBe(`${shop}/account/messages`);
    expect(await page.evaluate(() => (window as unknown as { navigations: string[] }).navigations)).toEqual([`/c/${conversationId}`]);
    await eventually(() => row.textContent()).not.toMatch(/unread/);

    // The buyer answers from the shop's page; the seller's answer comes back live.
    await composer.fill('Thank you, see you soon');
    await composer.press('Enter');
    const stored = async () => (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: seller, role: 'seller' })).body.messages.map((m: { content: string }) => m.content);
    await eventually(stored).toEqual(['Your parcel leaves today.', 'Thank you, see you soon']);
    expect((await sendMessage(parley, conversationId, 'Anything else?', { as: seller, role: 'seller' })).status).toBe(201);
    const timeline = page.getByRole('region', { name: 'Messages' });
    await eventually(() => timeline.getByText('Anything else?').isVisible()).toBe(true);

    // A search result opens its conversation at the message, found inside the element's shadow root.
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('parcel');
    await page.getByRole('button', { name: 'Search' }).click();
    await inbox.getByRole('link', { name: /Your parcel leaves today/ }).click();
    const found = page.getByRole('region', { name: 'Messages' }).getByRole('listitem').filter({ hasText: 'Your parcel leaves today.' });
    await eventually(() => found.getAttribute('class')).toContain('highlighted');

    // The two elements share one client: one live connection for the user (which brought the reply).
    const hub = parley.app.parley.hub as unknown as { byUser: Map<string, Set<unknown>> };
    expect(hub.byUser.get(buyer)?.size).toBe(1);

    // The shop's own styles stay its own, and the elements keep the app's.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily)).toBe('Georgia, serif');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows one conversation where the page puts it, with a client the page made', async () => {
    const buyer = user('buyer');
    const seller = user('seller');
    const orderId = `order-${randomUUID().slice(0, 8)}`;
    const { conversationId } = await orderConversation(parley, buyer, seller, orderId);
    expect((await sendMessage(parley, conversationId, 'Is the vase still available?', { as: buyer })).status).toBe(201);
    const token = await parley.token(seller, 'seller', { name: 'Mugs & Co', expiresIn: '1h' });
    const { page, errors, context } = await visit(
      `/orders/${orderId}`,
      `<main><h1>Order ${orderId}</h1><parley-conversation conversation-id="${conversationId}" style="height: 600px"></parley-conversation></main>
       <script type="module">
         import { ParleyClient } from '/parley/index.js';
         // The shop's backend hands out the token; the client asks again when it expires.
         const client = new ParleyClient({ baseUrl: ${JSON.stringify(parley.url)}, token: async () => ${JSON.stringify(token)} });
         customElements.whenDefined('parley-conversation').then(() => (document.querySelector('parley-conversation').client = client));
       </script>`,
    );
    const timeline = page.getByRole('region', { name: 'Messages' });
    await eventually(() => timeline.getByText('Is the vase still available?').isVisible()).toBe(true);
    const composer = page.getByRole('textbox', { name: /^Message to/ });
    await eventually(() => composer.isEditable()).toBe(true);
    await composer.fill('Yes, it is');
    await composer.press('Enter');
    await eventually(async () => (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer })).body.messages.map((m: { content: string }) => m.content)).toEqual([
      'Is the vase still available?',
      'Yes, it is',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
