import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

describe.each(backends)('starting a conversation in the web app ($name)', (backend) => {
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

  it('lets a buyer ask a seller about a product from a link the marketplace filled in; the seller sees the product by name', async () => {
    const [buyer, seller] = [user('buyer-ask'), user('seller-ask')];
    const b = await signedIn(browser, parley, buyer, 'buyer', { path: `/ask?sellerId=${seller}&productId=prod-vase&productTitle=Blue%20vase` });
    await eventually(() => b.page.getByRole('heading', { level: 1, name: 'Ask a seller about a product' }).isVisible()).toBe(true);
    expect(await b.page.getByLabel('Seller', { exact: true }).inputValue()).toBe(seller);
    expect(await b.page.getByLabel('Product name (optional)').inputValue()).toBe('Blue vase');
    await b.page.getByLabel('Your question').fill('Is it watertight?');
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Send question' }).click();
    await eventually(() => b.page.getByRole('region', { name: 'Messages' }).getByText('Is it watertight?').isVisible()).toBe(true);
    const conversationId = new URL(b.page.url()).pathname.split('/').pop()!;

    const s = await signedIn(browser, parley, seller, 'seller', { path: '/' });
    await eventually(() => s.page.getByRole('link', { name: /Blue vase/ }).isVisible()).toBe(true);
    const stored = await parley.request('GET', `/conversations/${conversationId}`, { as: seller, role: 'seller' });
    expect(stored.body).toMatchObject({ conversationType: 'product_inquiry', productId: 'prod-vase', subject: 'Blue vase' });
    expect([...b.errors, ...s.errors]).toEqual([]);
    await b.context.close();
    await s.context.close();
  });

  it('lets an operator start a conversation with anyone; the other side gets it live', async () => {
    const [operator, seller] = [user('operator'), user('seller-started')];
    const s = await signedIn(browser, parley, seller, 'seller', { path: '/' });
    const o = await signedIn(browser, parley, operator, 'operator', { path: '/conversations' });
    await o.page.getByRole('link', { name: 'Start a conversation' }).click();
    await o.page.getByLabel('With (user id)').fill(seller);
    await o.page.getByLabel('a seller').check();
    await o.page.getByLabel('Subject').fill('Your shop\'s VAT number');
    await o.page.getByLabel('First message').fill('Please add your VAT number to your shop profile.');
    expect(await axeViolations(o.page)).toEqual([]);
    await o.page.getByRole('button', { name: 'Start conversation' }).click();
    await eventually(() => o.page.getByRole('region', { name: 'Messages' }).getByText('Please add your VAT number').isVisible()).toBe(true);
    // Taking part, the operator can write on.
    await eventually(() => o.page.getByRole('textbox', { name: /^Message to/ }).isEditable()).toBe(true);

    const row = s.page.getByRole('link', { name: /VAT number/ });
    await eventually(() => row.isVisible()).toBe(true);
    await row.click();
    await eventually(() => s.page.getByRole('region', { name: 'Messages' }).getByText('Please add your VAT number').isVisible()).toBe(true);
    expect([...o.errors, ...s.errors]).toEqual([]);
    await o.context.close();
    await s.context.close();
  });
});
