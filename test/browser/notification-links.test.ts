import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { placeOrder } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

describe.each(backends)('marketplace notifications link to their order or conversation ($name)', (backend) => {
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

  it('opens the order\'s conversation from an order notice, and the conversation from a dispute notice', async () => {
    const buyer = { userId: user('buyer-links'), name: 'Ana' };
    const seller = { userId: user('seller-links'), name: 'Mug Shop' };
    const { orderId, conversationId } = await placeOrder(parley, { buyer, seller });

    // The notice's action links to the order in the web app, under the public URL.
    const feed = await parley.request('GET', '/me/notifications', { as: buyer.userId });
    const placed = feed.body.notifications.find((n: { title: string }) => n.title === `Order ${orderId} placed`);
    expect(placed.action).toEqual({ type: 'viewOrder', url: `${parley.url}/app/orders/${orderId}` });

    const b = await signedIn(browser, parley, buyer.userId, 'buyer', { path: '/notifications' });
    const item = b.page.getByRole('main').getByRole('listitem').filter({ hasText: `Order ${orderId} placed` });
    await eventually(() => item.isVisible()).toBe(true);
    expect(await axeViolations(b.page)).toEqual([]);
    await item.getByRole('link').first().click();
    await eventually(() => new URL(b.page.url()).pathname).toBe(`/app/c/${conversationId}`);
    await eventually(() => b.page.getByRole('textbox', { name: /^Message to/ }).isEditable()).toBe(true);

    // The seller opens a dispute; the buyer's notice opens that conversation from the bell.
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, {
      as: seller.userId,
      role: 'seller',
      body: { reason: 'The buyer asks for a refund we cannot give.' },
    });
    expect(escalated.status).toBe(201);
    await b.page.goto(`${parley.url}/app/notifications`);
    await bell(b.page).click();
    const notice = b.page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /A dispute was opened/ });
    await eventually(() => notice.getAttribute('href')).toBe(`/app/c/${conversationId}`);
    await notice.click();
    await eventually(() => new URL(b.page.url()).pathname).toBe(`/app/c/${conversationId}`);

    // Someone else's order: the link says so instead of opening anything.
    const stranger = await signedIn(browser, parley, user('stranger'), 'buyer', { path: `/orders/${orderId}` });
    await eventually(() => stranger.page.getByText('This order has no conversation you take part in.').isVisible()).toBe(true);
    expect(await axeViolations(stranger.page)).toEqual([]);

    expect([...b.errors, ...stranger.errors]).toEqual([]);
    await b.context.close();
    await stranger.context.close();
  });
});
