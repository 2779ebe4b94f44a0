import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceArchive } from '../../src/marketplace/disputes/evidence/evidence-archive.ts';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { applied, payment, placeOrder } from '../support/marketplace.ts';
import { sendMessage, startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const loaded = (page: Page) => eventually(() => page.getByRole('textbox', { name: /^Message to/ }).isEditable()).toBe(true);
const number = '+1 415 555 2671';

describe.each(backends)('masking that follows the order, and the evidence download, in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_MODERATORS: 'mod-browser' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('lets the operator set the rule; the seller sees a phone number masked before payment and plain after', async () => {
    const op = await signedIn(browser, parley, user('op'), 'operator', { path: '/moderation' });
    const paid = op.page.getByRole('checkbox', { name: 'Paid' });
    await eventually(() => paid.isVisible()).toBe(true);
    expect(await paid.isChecked()).toBe(false);
    await paid.check();
    await op.page.getByRole('checkbox', { name: 'Shipped' }).check();
    await op.page.getByRole('checkbox', { name: 'Delivered' }).check();
    expect(await axeViolations(op.page)).toEqual([]);
    await op.page.getByRole('button', { name: 'Save the rule' }).click();
    await eventually(() => op.page.getByRole('status').filter({ hasText: 'Contact details show once an order is in a chosen status' }).isVisible()).toBe(true);
    expect((await parley.request('GET', '/marketplace/messaging/settings/contact-reveal')).body).toMatchObject({ orderStatuses: ['paid', 'shipped', 'delivered'], fulfilment: null });
    expect(op.errors).toEqual([]);
    await op.context.close();

    const buyer = { userId: user('buyer-mask'), name: 'Ana' };
    const seller = { userId: user('seller-mask'), name: 'Mug Shop' };
    const { orderId, conversationId } = await placeOrder(parley, { buyer, seller });
    expect((await sendMessage(parley, conversationId, `Text me on ${number} for pickup`, { as: buyer.userId })).status).toBe(201);

    const s = await signedIn(browser, parley, seller.userId, 'seller', { path: `/c/${conversationId}` });
    await loaded(s.page);
    await eventually(() => s.page.getByText('Text me on [phone number hidden] for pickup', { exact: true }).isVisible()).toBe(true);
    expect(await s.page.getByText(number).count()).toBe(0);
    expect(await axeViolations(s.page)).toEqual([]);

    await applied(parley, 'paid', orderId, payment());
    await s.page.reload();
    await loaded(s.page);
    await eventually(() => s.page.getByText(`Text me on ${number} for pickup`, { exact: true }).isVisible()).toBe(true);
    expect(await s.page.getByText('[phone number hidden]').count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it("lets the dispute's moderator download the evidence archive, which verifies", async () => {
    const buyer = user('buyer-ev');
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: user('seller-ev') } });
    expect((await sendMessage(parley, conversationId, `My number: ${number}`, { as: buyer })).status).toBe(201);
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: buyer, body: { reason: 'It never came' } });
    expect(escalated.status).toBe(201);
    const disputeId = escalated.body.dispute.disputeId as string;

    const m = await signedIn(browser, parley, 'mod-browser', 'moderator', { path: '/moderation' });
    const button = m.page.getByRole('button', { name: /^Download evidence/ }).first();
    await eventually(() => button.isVisible()).toBe(true);
    expect(await axeViolations(m.page)).toEqual([]);
    const [download] = await Promise.all([m.page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^dispute-[0-9a-f-]{36}-evidence\.tar$/);
    const keys = (await parley.request('GET', '/.well-known/parley-evidence-key')).body.keys;
    const verified = await verifyEvidenceArchive((await download.path())!, keys);
    expect(verified.problems).toEqual([]);
    expect(verified.manifest).toMatchObject({ exportedBy: 'mod-browser', disputeId });
    await eventually(() => m.page.getByRole('status').filter({ hasText: 'Evidence saved as' }).first().isVisible()).toBe(true);
    const history = (await parley.request('GET', `/marketplace/messaging/disputes/${disputeId}`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'evidence_exported', by: 'mod-browser' });
    expect(m.errors).toEqual([]);
    await m.context.close();
  });
});
