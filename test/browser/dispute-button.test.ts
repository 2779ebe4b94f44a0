import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { placeOrder } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const openDispute = (page: Page) => page.getByRole('button', { name: 'Open a dispute' });
/** The conversation has loaded once its composer can be typed in. */
const loaded = (page: Page) => eventually(() => page.getByRole('textbox', { name: /^Message to/ }).isEditable()).toBe(true);

describe.each(backends)('"Open a dispute" in the conversation ($name)', (backend) => {
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

  it('is offered on an order to its buyer and seller while no dispute is open, and nowhere else', async () => {
    const buyer = { userId: user('buyer-dispute'), name: 'Ana' };
    const seller = { userId: user('seller-dispute'), name: 'Mug Shop' };
    const { conversationId } = await placeOrder(parley, { buyer, seller });

    const b = await signedIn(browser, parley, buyer.userId, 'buyer', { path: `/c/${conversationId}` });
    await loaded(b.page);
    await eventually(() => openDispute(b.page).isVisible()).toBe(true);
    await openDispute(b.page).click();
    await b.page.getByLabel('What went wrong?').fill('The handle came off.');
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Open dispute', exact: true }).click();
    // Open now: neither side is offered a second one, also after loading the page afresh.
    await eventually(() => b.page.getByText('Dispute open', { exact: true }).isVisible()).toBe(true);
    expect(await openDispute(b.page).count()).toBe(0);
    await b.page.reload();
    await loaded(b.page);
    await eventually(() => b.page.getByText('Dispute open', { exact: true }).isVisible()).toBe(true);
    expect(await openDispute(b.page).count()).toBe(0);
    const s = await signedIn(browser, parley, seller.userId, 'seller', { path: `/c/${conversationId}` });
    await loaded(s.page);
    await eventually(() => s.page.getByText('Dispute open', { exact: true }).isVisible()).toBe(true);
    expect(await openDispute(s.page).count()).toBe(0);

    // A product inquiry is no order: nothing to dispute.
    const asker = user('buyer-inquiry');
    const inquiry = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-lamp', {
      as: asker,
      body: { sellerId: seller.userId, productTitle: 'Brass lamp', question: 'Does it take E27 bulbs?' },
    });
    expect(inquiry.status).toBe(201);
    const q = await signedIn(browser, parley, asker, 'buyer', { path: `/c/${inquiry.body.conversationId}` });
    await loaded(q.page);
    await eventually(() => q.page.getByText('Does it take E27 bulbs?').first().isVisible()).toBe(true);
    expect(await openDispute(q.page).count()).toBe(0);

    expect([...b.errors, ...s.errors, ...q.errors]).toEqual([]);
    for (const p of [b, s, q]) await p.context.close();
  });
});
