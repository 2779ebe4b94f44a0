import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { deliveredOrder } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
/** The conversation has loaded once its composer can be typed in. */
const loaded = (page: Page) => eventually(() => page.getByRole('textbox', { name: /^Message to/ }).isEditable()).toBe(true);
const card = (page: Page) => page.getByRole('region', { name: 'How did the seller communicate?' });

describe.each(backends)('rating the seller from the conversation ($name)', (backend) => {
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

  it('lets the buyer rate a delivered order once, and shows the rating in the seller’s analytics', async () => {
    const buyer = { userId: user('buyer-rates'), name: 'Ana' };
    const seller = { userId: user('seller-rated'), name: 'Mug Shop' };
    const { conversationId, orderId } = await deliveredOrder(parley, { buyer, seller });

    // The seller sees the ask, waiting for the buyer; no form for them.
    const s = await signedIn(browser, parley, seller.userId, 'seller', { path: `/c/${conversationId}` });
    await loaded(s.page);
    await eventually(() => card(s.page).getByText("Waiting for the buyer's rating.").isVisible()).toBe(true);
    expect(await card(s.page).getByRole('radio').count()).toBe(0);

    const b = await signedIn(browser, parley, buyer.userId, 'buyer', { path: `/c/${conversationId}` });
    await loaded(b.page);
    await eventually(() => card(b.page).getByRole('radio').count()).toBe(5);
    expect(await axeViolations(b.page)).toEqual([]);
    // Sending without a choice says what to do.
    await card(b.page).getByRole('button', { name: 'Send rating' }).click();
    await eventually(() => card(b.page).getByRole('alert').textContent()).toBe('Choose from 1 to 5 stars first.');
    await card(b.page).getByRole('radio', { name: /^4 stars/ }).check();
    await card(b.page).getByLabel('Comment (optional)').fill('Answered every question within the hour.');
    await card(b.page).getByRole('button', { name: 'Send rating' }).click();
    await eventually(() => card(b.page).getByText('Rated 4 of 5 (Very good).').isVisible()).toBe(true);
    expect(await card(b.page).getByRole('radio').count()).toBe(0);
    expect((await parley.request('GET', `/marketplace/orders/${orderId}/rating`)).body).toMatchObject({ rating: 4, comment: 'Answered every question within the hour.' });
    // Once: after a reload the rating shows, not the form.
    await b.page.reload();
    await loaded(b.page);
    await eventually(() => card(b.page).getByText('Rated 4 of 5 (Very good).').isVisible()).toBe(true);
    expect(await card(b.page).getByRole('radio').count()).toBe(0);
    expect(await axeViolations(b.page)).toEqual([]);

    // The seller's analytics: the average, the distribution and the comment.
    await s.page.goto(`${parley.url}/app/seller`);
    const section = s.page.getByRole('region', { name: 'Customer satisfaction' });
    await eventually(() => section.getByText('4.00 of 5', { exact: true }).isVisible()).toBe(true);
    await eventually(() => section.getByText('Answered every question within the hour.').isVisible()).toBe(true);
    const fours = section.getByRole('table', { name: 'Ratings by number of stars' }).getByRole('row', { name: /^4 1/ });
    expect(await fours.count()).toBe(1);
    expect(await axeViolations(s.page)).toEqual([]);

    expect([...b.errors, ...s.errors]).toEqual([]);
    for (const p of [b, s]) await p.context.close();
  });
});
