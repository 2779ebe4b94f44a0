import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeDemoWebhooks } from '../../src/demo/demo-webhooks.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { backends } from '../support/backends.ts';
import { launchBrowser } from '../support/browser.ts';
import { quietJobs } from '../support/marketplace.ts';
import { type TestParley, httpRequest, startParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface View {
  name: string;
  userId?: string;
  path: string | (() => Promise<string>);
  prepare?: (page: Page) => Promise<void>;
}

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/**
 * Every main view, filled by demo mode's marketplace, checked with axe-core against WCAG 2.1 A
 * and AA (labels, names, contrast, structure) at desktop and phone width, and for sideways
 * scrolling at phone width. The views do not depend on the database engine, so this runs once,
 * on the embedded one.
 */
describe('accessibility of the web app', () => {
  const backend = backends[0]!;
  let parley: TestParley;
  let browser: Browser;

  const tokenFor = async (userId: string) => {
    const reply = await httpRequest(parley.url, 'POST', '/demo/session', { body: { userId } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const orderConversation = async (userId: string, orderId: string) => {
    const reply = await httpRequest(parley.url, 'GET', '/marketplace/messaging/conversations/my-orders?limit=100', {
      headers: { authorization: `Bearer ${await tokenFor(userId)}` },
    });
    return `/c/${reply.body.conversations.find((c: { orderId: string }) => c.orderId === orderId).conversationId}`;
  };

  const views: View[] = [
    { name: 'sign-in (demo)', path: '/' },
    { name: 'buyer inbox', userId: 'demo-buyer-ana', path: '/' },
    { name: 'buyer order conversation (shipped)', userId: 'demo-buyer-ana', path: () => orderConversation('demo-buyer-ana', 'demo-order-1004') },
    { name: 'buyer disputed order', userId: 'demo-buyer-ana', path: () => orderConversation('demo-buyer-ana', 'demo-order-1003') },
    { name: 'seller conversation with quick replies', userId: 'demo-seller-larkspur', path: () => orderConversation('demo-seller-larkspur', 'demo-order-1003') },
    {
      name: 'notification panel',
      userId: 'demo-buyer-ana',
      path: '/',
      prepare: async (page) => {
        await page.getByRole('button', { name: /^Notifications/ }).click();
        await expect.poll(() => page.getByRole('link', { name: 'All notifications' }).isVisible()).toBe(true);
      },
    },
    {
      name: 'buyer order conversation with a voice message',
      userId: 'demo-buyer-ben',
      path: () => orderConversation('demo-buyer-ben', 'demo-order-1008'),
      prepare: async (page) => {
        await expect.poll(() => page.locator('audio[controls]').count()).toBe(1);
      },
    },
    {
      name: 'seller webhooks with the delivery log',
      userId: 'demo-seller-larkspur',
      path: '/webhooks',
      prepare: async (page) => {
        await page.getByRole('button', { name: /^Delivery log of .*\/demo\/crm-receiver$/ }).click();
        await expect.poll(() => page.getByRole('row').filter({ hasText: 'order.placed' }).count()).toBeGreaterThan(0);
        await expect.poll(() => page.getByRole('row').filter({ hasText: 'HTTP 204' }).count()).toBeGreaterThan(0);
      },
    },
    { name: 'notification center', userId: 'demo-buyer-ana', path: '/notifications' },
    { name: 'preference center', userId: 'demo-buyer-ana', path: '/preferences' },
    { name: 'seller dashboard', userId: 'demo-seller-larkspur', path: '/seller' },
    { name: 'moderator queue', userId: 'demo-moderator-sam', path: '/moderation' },
    { name: 'operator dashboard', userId: 'demo-operator-olivia', path: '/operator' },
    { name: 'operator suppression list', userId: 'demo-operator-olivia', path: '/suppressions' },
    { name: 'seller campaigns', userId: 'demo-seller-larkspur', path: '/campaigns' },
    {
      name: 'campaign composer',
      userId: 'demo-seller-larkspur',
      path: '/campaigns/new',
      prepare: async (page) => {
        await expect.poll(() => page.getByTestId('segment-count').textContent()).toMatch(/\d+ customers?/);
        await page.getByLabel('Test two variants of the message').check();
      },
    },
    { name: 'seller customers and consent', userId: 'demo-seller-larkspur', path: '/customers' },
    { name: 'seller usage against quota', userId: 'demo-seller-larkspur', path: '/usage' },
    { name: 'operator tiers and usage', userId: 'demo-operator-olivia', path: '/tiers' },
  ];

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_DEMO: '1' } });
    await seedDemo(parley.app, parley.config, { db: parley.db });
    await resumeDemoWebhooks(parley.app, parley.config);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  for (const viewport of [desktop, phone]) {
    it.each(views)(`$name meets WCAG 2.1 AA at ${viewport.width} px`, async (view) => {
      const context = await browser.newContext({ viewport, isMobile: viewport === phone, hasTouch: viewport === phone });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const path = typeof view.path === 'function' ? await view.path() : view.path;
      const token = view.userId ? `#token=${encodeURIComponent(await tokenFor(view.userId))}` : '';
      await page.goto(`${parley.url}/app${path}${token}`);
      await page.waitForLoadState('networkidle');
      // The view has rendered its content: a heading, and no loading note left.
      await expect.poll(() => page.locator('h1, h2').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('status').filter({ hasText: /Loading/ }).count()).toBe(0);
      await view.prepare?.(page);

      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
      });
      expect(violations).toEqual([]);

      if (viewport === phone) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
