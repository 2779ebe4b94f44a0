import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
// Browser tests share two cores with the rest of the suite: a page and axe may be slow to come, never wrong.
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 20_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('promotional consents and account deletion in the web app ($name)', (backend) => {
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

  it('lists the promotional messages a user agreed to, and withdraws one with its switch', { timeout: 90_000 }, async () => {
    const buyer = user('buyer-consents');
    const vendor = user('seller-consents');
    const given = await parley.request('POST', `/users/${buyer}/consents`, { body: { vendorId: vendor, channel: 'email', granted: true, source: 'checkout', textShown: 'Offers by email' } });
    expect(given.status).toBe(201);

    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    const toggle = page.getByRole('switch', { name: `Promotional messages from Seller ${vendor} by Email` });
    await eventually(() => toggle.isVisible()).toBe(true);
    expect(await toggle.isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await toggle.click();
    await eventually(() => page.getByRole('status').filter({ hasText: `You will no longer receive promotional messages from ${vendor} by Email.` }).isVisible()).toBe(true);
    await eventually(() => toggle.isChecked()).toBe(false);
    const { body } = await parley.request('GET', `/users/${buyer}/consents`);
    expect(body.current).toEqual([expect.objectContaining({ vendorId: vendor, channel: 'email', granted: false, source: 'preferences' })]);
    expect(body.history.at(-1).userAgent).toContain('Chrome');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deletes the account after a confirmation: the contact goes, the other party keeps a deleted message', { timeout: 90_000 }, async () => {
    const buyer = user('buyer-erase');
    const seller = user('seller-erase');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    expect((await sendMessage(parley, conversationId, 'Please call me back', { as: buyer })).status).toBe(201);
    expect((await parley.request('PUT', `/users/${buyer}/contact`, { body: { name: 'Bea Erased', email: `${buyer}@example.org` } })).status).toBe(200);

    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    const start = page.getByRole('button', { name: 'Delete my account' });
    await eventually(() => start.isVisible()).toBe(true);
    await start.click();
    const confirm = page.getByRole('button', { name: 'Yes, delete everything' });
    await eventually(() => confirm.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await confirm.click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Your account was erased.' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const contact = await parley.request('GET', `/users/${buyer}/contact`);
    expect(contact.body.name ?? null).toBeNull();
    expect(contact.body.email ?? null).toBeNull();
    const messages = (await parley.request('GET', `/conversations/${conversationId}/messages`, { as: seller, role: 'seller' })).body.messages;
    expect(messages.filter((m: { status: string }) => m.status === 'deleted')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a seller the customers who accept their offers in the seller dashboard", { timeout: 90_000 }, async () => {
    const seller = user('seller-list');
    const customer = user('buyer-list');
    expect((await parley.request('PUT', `/users/${customer}/contact`, { body: { name: 'Cleo Consenting' } })).status).toBe(200);
    expect((await parley.request('POST', `/users/${customer}/consents`, { body: { vendorId: seller, channel: 'sms', granted: true, source: 'checkout' } })).status).toBe(201);

    const { page, errors, context } = await signedIn(browser, parley, seller, 'seller', { path: '/seller' });
    const list = page.getByRole('region', { name: 'Customers who accept your offers' });
    await eventually(() => list.getByRole('cell', { name: 'Cleo Consenting' }).isVisible()).toBe(true);
    expect(await list.getByRole('cell', { name: 'SMS' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
