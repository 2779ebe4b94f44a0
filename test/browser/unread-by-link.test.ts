import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const summary = (page: Page) => page.getByRole('region', { name: 'Inbox' }).locator('.inbox-list-head p');
const rowOf = (page: Page, orderId: string) => page.getByRole('link', { name: new RegExp(`Order ${orderId}`) });

describe.each(backends)('unread counts when a conversation is opened by a link ($name)', (backend) => {
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

  it('shows the opened conversation read in the list, the total and the Unread filter, while the others stay unread', async () => {
    const buyer = user('buyer-link');
    const [sellerA, sellerB] = [user('seller-a'), user('seller-b')];
    const opened = { ...(await orderConversation(parley, buyer, sellerA)), sellerId: sellerA };
    const other = { ...(await orderConversation(parley, buyer, sellerB)), sellerId: sellerB };
    for (const text of ['Your mug is packed.', 'It ships tomorrow.', 'Tracking follows.']) {
      expect((await sendMessage(parley, opened.conversationId, text, { as: opened.sellerId, role: 'seller' })).status).toBe(201);
    }
    expect((await sendMessage(parley, other.conversationId, 'Thanks for your order!', { as: other.sellerId, role: 'seller' })).status).toBe(201);

    // Opened straight from a link (an email, a notification): the inbox loads beside it.
    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: `/c/${opened.conversationId}` });
    await eventually(() => page.getByRole('region', { name: 'Messages' }).getByText('Tracking follows.').isVisible()).toBe(true);
    await eventually(() => summary(page).textContent()).toBe('1 unread message');
    await eventually(() => rowOf(page, opened.orderId).textContent()).not.toMatch(/\d+ unread/);
    expect(await rowOf(page, other.orderId).textContent()).toMatch(/1 unread/);

    await page.getByRole('button', { name: /^Unread/ }).click();
    await eventually(() => rowOf(page, opened.orderId).count()).toBe(0);
    expect(await rowOf(page, other.orderId).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Unread/ }).textContent()).toBe('Unread 1');

    // After a reload, the server agrees.
    await page.reload();
    await eventually(() => summary(page).textContent()).toBe('1 unread message');
    const listed = await parley.request('GET', '/conversations', { as: buyer });
    const counts = Object.fromEntries(listed.body.conversations.map((c: { conversationId: string; unreadCount: number }) => [c.conversationId, c.unreadCount]));
    expect(counts).toEqual({ [opened.conversationId]: 0, [other.conversationId]: 1 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
