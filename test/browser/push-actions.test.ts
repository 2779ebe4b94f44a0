import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { type FakeWebPush, startFakeWebPush } from '../support/fakes/web-push.ts';
import { applied, payment, placeOrder, quietJobs, shipment } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const vapid = webpush.generateVAPIDKeys();

interface Shown {
  title: string;
  body: string;
  actions: { action: string; title: string }[];
  data: { url?: string; actionUrl?: string; category?: string };
}

/**
 * Parley sends a real Web Push (encrypted, to a local push service that decrypts it as the
 * browser would); Chromium's DevTools protocol hands that payload to the web app's service
 * worker as a push event, the way the browser's push service would.
 */
describe.each(backends)('Web Push action buttons in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  let pushService: FakeWebPush;

  beforeAll(async () => {
    pushService = await startFakeWebPush();
    const providers = { push: [{ type: 'webpush', name: 'webpush', vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@parley.example', caCertificate: pushService.caCertificate }] };
    parley = await startParley(backend, { env: { PARLEY_POLL_MS: '50', PARLEY_PROVIDERS: JSON.stringify(providers), PARLEY_ORDER_NOTIFICATION_CHANNELS: 'in-app,push', ...quietJobs } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await pushService?.close();
  });

  /** A paid order whose buyer's browser is subscribed to Web Push. */
  async function paidOrder() {
    const buyer = { userId: user('buyer'), name: 'Ana' };
    const seller = { userId: user('seller'), name: 'Mug Shop' };
    const subscription = pushService.subscribe(vapid.publicKey);
    const registered = await parley.request('POST', `/users/${buyer.userId}/devices`, { as: buyer.userId, body: { deviceId: 'browser', token: JSON.stringify(subscription), platform: 'web' } });
    expect(registered.status).toBeLessThan(300);
    const placed = await placeOrder(parley, { buyer, seller });
    await applied(parley, 'paid', placed.orderId, payment());
    return { ...placed, buyer: buyer.userId, seller: seller.userId, endpoint: subscription.endpoint };
  }

  /** The payload the push service received for the buyer's browser, decrypted. */
  async function payloadFor(endpoint: string, match: (p: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await eventually(() => {
      found = pushService.requests.filter((r) => r.endpoint === endpoint).map((r) => r.payload as Record<string, unknown>).find(match);
      return found !== undefined;
    }).toBe(true);
    return found!;
  }

  /** The buyer's app open in Chromium, its service worker active, notifications allowed. */
  async function appWithWorker(buyer: string): Promise<{ context: BrowserContext; page: Page; worker: Worker; errors: string[] }> {
    const signed = await signedIn(browser, parley, buyer, 'buyer');
    await signed.context.grantPermissions(['notifications'], { origin: parley.url });
    await signed.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const worker = signed.context.serviceWorkers()[0] ?? (await signed.context.waitForEvent('serviceworker'));
    return { ...signed, worker };
  }

  /** Delivers a push to the page's service worker through the DevTools protocol, as the push service would. */
  async function deliverPush(page: Page, payload: Record<string, unknown>): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
        const r = event.registrations.find((x) => x.scopeURL === `${parley.url}/app/` && !x.isDeleted);
        if (r) resolve(r.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: parley.url, registrationId: await registration, data: JSON.stringify(payload) });
  }

  const shown = (page: Page) =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        actions: ((n as unknown as { actions: { action: string; title: string }[] }).actions ?? []).map((a) => ({ action: a.action, title: a.title })),
        data: n.data as Shown['data'],
      }));
    });

  /**
   * Delivers the push until the service worker shows it: a push handed over while the worker is
   * still starting can be dropped by the browser, and the payload's tag (the delivery id) makes a
   * second delivery replace the first rather than add to it.
   */
  async function deliverUntilShown(page: Page, payload: Record<string, unknown>): Promise<void> {
    expect(typeof payload.parley_delivery_id).toBe('string');
    for (let attempt = 1; ; attempt++) {
      await deliverPush(page, payload);
      try {
        await expect.poll(async () => (await shown(page)).length, { timeout: 5_000 }).toBe(1);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** The user chooses `action` on the notification: the event the browser dispatches to the service worker. */
  const choose = (worker: Worker, action: string) =>
    worker.evaluate(async (chosen) => {
      // Runs in the service worker: its global scope, typed as far as this needs.
      const scope = self as unknown as EventTarget & {
        registration: { getNotifications(): Promise<Notification[]> };
        NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
      };
      const [notification] = await scope.registration.getNotifications();
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification: notification!, action: chosen }));
    }, action);

  it('shows Reply and Mark as read on a message notification; Mark as read reaches Parley without opening the app', async () => {
    const order = await paidOrder();
    const sent = await parley.request('POST', `/conversations/${order.conversationId}/messages`, { as: order.seller, body: { content: 'Your mug is packed.' } });
    expect(sent.status).toBe(201);
    const requestId = randomUUID();
    const accepted = await parley.request('POST', '/notifications', {
      body: {
        requestId,
        notificationType: 'transactional',
        channels: ['push'],
        recipient: { userId: order.buyer },
        message: {
          pushNotification: {
            title: 'New message from Mug Shop',
            body: 'Your mug is packed.',
            action: { type: 'custom', url: `${parley.url}/app/c/${order.conversationId}` },
            interactive: { category: 'parley.message', conversationId: order.conversationId },
          },
        },
      },
    });
    expect(accepted.status).toBe(202);
    const payload = await payloadFor(order.endpoint, (p) => p.category === 'parley.message');

    const app = await appWithWorker(order.buyer);
    await deliverUntilShown(app.page, payload);
    const [notification] = await shown(app.page);
    expect(notification).toEqual({
      title: 'New message from Mug Shop',
      body: 'Your mug is packed.',
      actions: [
        { action: 'reply', title: 'Reply' },
        { action: 'mark-read', title: 'Mark as read' },
      ],
      data: { url: `${parley.url}/app/c/${order.conversationId}`, actionUrl: payload.actionUrl, category: 'parley.message' },
    });

    const unread = async () => (await parley.request('GET', `/conversations/${order.conversationId}`, { as: order.buyer })).body.unreadCount;
    expect(await unread()).toBeGreaterThan(0);
    await choose(app.worker, 'mark-read');
    await eventually(unread).toBe(0);
    // The notification is closed; the app stayed as it was.
    await eventually(async () => (await shown(app.page)).length).toBe(0);
    expect(app.context.pages()).toHaveLength(1);
    expect(await axeViolations(app.page)).toEqual([]);
    await app.context.close();
  });

  it("shows Confirm receipt and View order on the buyer's shipped notice; Confirm receipt delivers the order", async () => {
    const order = await paidOrder();
    await applied(parley, 'shipped', order.orderId, shipment());
    const payload = await payloadFor(order.endpoint, (p) => p.category === 'parley.order-shipped');
    expect(payload.url).toBe(`${parley.url}/app/orders/${order.orderId}`);

    const app = await appWithWorker(order.buyer);
    await deliverUntilShown(app.page, payload);
    await eventually(async () => (await shown(app.page)).map((n) => n.actions.map((a) => a.title).join(', '))).toEqual(['Confirm receipt, View order']);

    await choose(app.worker, 'confirm-receipt');
    const status = async () => (await parley.request('GET', `/marketplace/orders/${order.orderId}/events`)).body.events.map((e: { type: string; source: string }) => `${e.type}:${e.source}`).at(-1);
    await eventually(status).toBe('delivered:push-action');
    await app.context.close();
  });
});
