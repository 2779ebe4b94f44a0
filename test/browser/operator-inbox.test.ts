import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

describe.each(backends)('the operator\'s view of all conversations ($name)', (backend) => {
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

  it('lists conversations the operator takes no part in and opens one to read, without a composer', async () => {
    const [buyer, seller] = [user('buyer-ops'), user('seller-ops')];
    const { conversationId, orderId } = await orderConversation(parley, buyer, seller);
    expect((await sendMessage(parley, conversationId, 'Where is my parcel?', { as: buyer })).status).toBe(201);

    const { page, errors, context } = await signedIn(browser, parley, user('operator'), 'operator', { path: '/operator' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'All conversations' }).isVisible()).toBe(true);
    const row = page.getByRole('link', { name: new RegExp(`Order ${orderId}`) });
    await eventually(() => row.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await row.click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/app/c/${conversationId}`);
    await eventually(() => page.getByRole('region', { name: 'Messages' }).getByText('Where is my parcel?').isVisible()).toBe(true);
    expect(await page.getByText('You are not taking part in this conversation, so you cannot write in it.').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).getAttribute('aria-current')).toBe('page');

    // Not a buyer's or seller's page: they keep their own inbox.
    const b = await signedIn(browser, parley, buyer, 'buyer', { path: '/conversations' });
    await eventually(() => b.page.getByRole('heading', { level: 1, name: 'Not found' }).isVisible()).toBe(true);
    expect([...errors, ...b.errors]).toEqual([]);
    await context.close();
    await b.context.close();
  });
});
