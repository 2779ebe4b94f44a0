import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { type TestParley, startParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

describe.each(backends)('the WhatsApp channel in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_POLL_MS: '50' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('offers WhatsApp in the preferences: per kind of notification and as an opt-out, saved as the API reads them', async () => {
    const buyer = user('buyer-wa');
    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'WhatsApp' }).isVisible()).toBe(true);
    expect(await page.getByLabel('WhatsApp for Orders and account').isChecked()).toBe(true);

    await page.getByLabel('WhatsApp for Promotions').uncheck();
    await page.getByLabel('Stop all WhatsApp messages').check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Preferences saved.' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Stop all WhatsApp messages').isChecked()).toBe(true);
    expect(await page.getByLabel('WhatsApp for Promotions').isChecked()).toBe(false);
    expect(await page.getByText('Turned off everywhere: WhatsApp.').isVisible()).toBe(true);

    const { body } = await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
    expect(body.preferences.optOut).toMatchObject({ whatsapp: true, sms: false });
    expect([...body.preferences.channels.promotional].sort()).toEqual(['email', 'in-app', 'push', 'sms']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a WhatsApp delivery in the operator's lookup, and WhatsApp numbers on the suppression list", async () => {
    const requestId = randomUUID();
    const number = `+4477009${String(Date.now() % 100_000).padStart(5, '0')}`;
    const accepted = await parley.request('POST', '/notifications', {
      body: {
        requestId,
        notificationType: 'transactional',
        channels: ['whatsapp'],
        recipient: { userId: user('buyer'), phoneNumber: number },
        message: { whatsapp: { template: { name: 'order_update', language: 'en_US', parameters: ['A-1001'] } } },
      },
    });
    expect(accepted.status).toBe(202);
    // Suppress the number only once the message went out: a suppression first would skip it.
    await eventually(async () => (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0].status).toBe('sent');
    await parley.db.insertInto('address_suppressions').values({ channel: 'whatsapp', address: number, reason: 'stop', added_by: 'whatsapp:meta', created_at: new Date() }).execute();

    const { page, errors, context } = await signedIn(browser, parley, user('op'), 'operator', { path: '/operator' });
    await eventually(() => page.getByRole('textbox', { name: 'Request id' }).isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Request id' }).fill(requestId);
    await page.getByRole('button', { name: 'Look up' }).click();
    const card = page.getByRole('list', { name: 'Deliveries' }).getByRole('listitem');
    await eventually(() => card.getByRole('heading', { name: /WhatsApp/ }).textContent()).toContain('sent');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Suppressions' }).click();
    const listed = page.getByRole('list', { name: 'Suppressed addresses' });
    await eventually(() => listed.getByText(number).isVisible()).toBe(true);
    await page.getByLabel('Channel', { exact: true }).first().selectOption('whatsapp');
    await eventually(() => listed.getByText("Only the number's owner can lift a STOP, by sending START on WhatsApp.").isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
