import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { type TestParley, startParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** An in-app notification for `userId`, accepted through the API as the marketplace backend sends it. */
async function sendInApp(parley: TestParley, userId: string, inAppMessage: Record<string, unknown>, notificationType = 'transactional') {
  const { status, body } = await parley.request('POST', '/notifications', {
    body: { requestId: randomUUID(), notificationType, channels: ['in-app'], recipient: { userId }, message: { inAppMessage } },
  });
  expect(status, JSON.stringify(body)).toBe(202);
  return body as { requestId: string; deliveries: { logId: string }[] };
}

/** Live updates cross a socket and a worker: give them time on a busy machine. */
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

const bellName = (page: Page) => page.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label');

describe.each(backends)('notifications in the web app ($name)', (backend) => {
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

  it('keeps saved preferences: after a reload the form and the API show them', async () => {
    const buyer = user('buyer-prefs');
    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);

    await page.getByLabel('Email for Promotions').uncheck();
    await page.getByLabel('Stop all text messages (SMS)').check();
    const quiet = page.getByRole('group', { name: 'Quiet hours' });
    await quiet.getByLabel('Turn on quiet hours').check();
    await quiet.getByLabel('From').fill('21:30');
    await quiet.getByLabel('Until').fill('06:45');
    await quiet.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByLabel('Promotions per day').fill('3');
    const digests = page.getByRole('group', { name: 'Digests' });
    await digests.getByLabel('Digest for Promotions').selectOption('daily');
    await digests.getByLabel('Digest time for Promotions').fill('07:30');
    await digests.getByLabel('Digest for Chat messages').selectOption('hourly');
    await digests.getByLabel('Time zone of daily digests').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Preferences saved.' }).isVisible()).toBe(true);

    await page.reload();
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Stop all text messages (SMS)').isChecked()).toBe(true);
    expect(await page.getByLabel('Stop all email').isChecked()).toBe(false);
    expect(await page.getByLabel('Email for Promotions').isChecked()).toBe(false);
    expect(await page.getByLabel('Email for Orders and account').isChecked()).toBe(true);
    const reloaded = page.getByRole('group', { name: 'Quiet hours' });
    expect(await reloaded.getByLabel('Turn on quiet hours').isChecked()).toBe(true);
    expect(await reloaded.getByLabel('From').inputValue()).toBe('21:30');
    expect(await reloaded.getByLabel('Until').inputValue()).toBe('06:45');
    expect(await reloaded.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByLabel('Promotions per day').inputValue()).toBe('3');
    const digestsAfter = page.getByRole('group', { name: 'Digests' });
    expect(await digestsAfter.getByLabel('Digest for Promotions').inputValue()).toBe('daily');
    expect(await digestsAfter.getByLabel('Digest time for Promotions').inputValue()).toBe('07:30');
    expect(await digestsAfter.getByLabel('Digest for Chat messages').inputValue()).toBe('hourly');
    expect(await digestsAfter.getByLabel('Digest for Orders and account').inputValue()).toBe('off');
    expect(await digestsAfter.getByLabel('Time zone of daily digests').inputValue()).toBe('Europe/Berlin');

    const { status, body } = await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
    expect(status).toBe(200);
    expect(body.preferences).toMatchObject({
      optOut: { sms: true, email: false, push: false, inApp: false },
      doNotDisturb: { enabled: true, startTime: '21:30', endTime: '06:45', timezone: 'Asia/Tokyo' },
      dailyLimits: { promotionalLimit: 3 },
      // Kinds never chosen are left out, so an operator's default digest for their type applies.
      digests: { promotional: { mode: 'daily', at: '07:30' }, chat: { mode: 'hourly' }, timezone: 'Europe/Berlin' },
    });
    expect([...body.preferences.channels.promotional].sort()).toEqual(['in-app', 'push', 'sms', 'whatsapp']);
    expect(body.preferences.channels.transactional).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows what the server refuses next to the form, and saves nothing', async () => {
    const buyer = user('buyer-refused');
    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);
    await page.getByLabel('Promotions per day').fill('5000');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('must be <= 1000');
    expect(await page.getByLabel('Promotions per day').getAttribute('aria-invalid')).toBe('true');
    const { body } = await parley.request('GET', `/users/${buyer}/preferences`, { as: buyer });
    expect(body.preferences.dailyLimits.promotionalLimit).toBeNull();
    // The refused request shows in the console as a failed resource; nothing else may.
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await context.close();
  });

  it('counts a new notification on the bell without a reload, shows it in the panel, and marks all read', async () => {
    const buyer = user('buyer-bell');
    const { page, errors, context } = await signedIn(browser, parley, buyer);
    await eventually(() => bellName(page)).toBe('Notifications, no unread');

    await sendInApp(parley, buyer, { title: 'Order shipped', body: 'Your order #1042 is on its way.' });
    await eventually(() => bellName(page)).toBe('Notifications, 1 unread');
    expect(await page.getByRole('status').filter({ hasText: '1 unread notification' }).count()).toBe(1);

    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await eventually(() => panel.getByText('Your order #1042 is on its way.').isVisible()).toBe(true);
    expect(await panel.getByText('Unread:', { exact: true }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await eventually(() => bellName(page)).toBe('Notifications, no unread');
    await eventually(() => panel.getByText('Unread:', { exact: true }).count()).toBe(0);
    expect((await parley.request('GET', '/me/notifications/unread-count', { as: buyer })).body).toEqual({ unread: 0 });

    await page.keyboard.press('Escape');
    await eventually(() => panel.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Notifications, no unread');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows a notification into the app and records the click', async () => {
    const buyer = user('buyer-click');
    const { page, errors, context } = await signedIn(browser, parley, buyer);
    await eventually(() => bellName(page)).toBe('Notifications, no unread');
    const sent = await sendInApp(parley, buyer, {
      title: 'Payment received',
      body: 'We received your payment for order-7.',
      action: { type: 'viewOrder', url: `${parley.url}/app/notifications` },
    });
    await eventually(() => bellName(page)).toBe('Notifications, 1 unread');

    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /Payment received/ }).click();
    await eventually(() => page.getByRole('heading', { level: 1, name: 'Notifications' }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/app/notifications');
    await eventually(() => bellName(page)).toBe('Notifications, no unread');
    const { body } = await parley.request('GET', `/notifications/${sent.requestId}`);
    expect(body.deliveries[0].status).toBe('clicked');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the whole feed in pages in the notification center, with new ones live at the top', async () => {
    const buyer = user('buyer-center');
    const { status } = await parley.request('POST', '/notifications/batch', {
      body: {
        notifications: Array.from({ length: 23 }, (_, i) => ({
          requestId: randomUUID(),
          notificationType: 'transactional',
          channels: ['in-app'],
          recipient: { userId: buyer },
          message: { inAppMessage: { title: `Update ${i + 1}`, body: `Order update number ${i + 1}.` } },
        })),
      },
    });
    expect(status).toBe(202);
    await eventually(async () => (await parley.request('GET', '/me/notifications/unread-count', { as: buyer })).body.unread).toBe(23);

    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/notifications' });
    const items = page.getByRole('main').getByRole('listitem');
    await eventually(() => items.count()).toBe(20);
    await page.getByRole('button', { name: 'Show older notifications' }).click();
    await eventually(() => items.count()).toBe(23);
    expect(await page.getByRole('button', { name: 'Show older notifications' }).count()).toBe(0);

    const newest = (await items.first().locator('.notif-title').textContent()) ?? '';
    await page.getByRole('button', { name: `Mark read: ${newest}` }).click();
    await eventually(() => bellName(page)).toBe('Notifications, 22 unread');
    await page.getByLabel('Unread only').check();
    await eventually(() => items.count()).toBe(20);
    expect(await page.getByText(newest, { exact: true }).count()).toBe(0);

    await sendInApp(parley, buyer, { title: 'Live one', body: 'Arrived while the page was open.' });
    await eventually(() => items.first().textContent()).toContain('Live one');
    await eventually(() => bellName(page)).toBe('Notifications, 23 unread');

    await page.getByRole('main').getByRole('button', { name: 'Mark all read' }).click();
    await eventually(() => bellName(page)).toBe('Notifications, no unread');
    await eventually(() => page.getByRole('main').getByText('Unread:', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
