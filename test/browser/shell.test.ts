import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { type TestParley, startParley } from '../support/parley.ts';

describe.each(backends)('web app shell ($name)', (backend) => {
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

  it('serves the app at /app, any path under it, and sends / there', async () => {
    const root = await fetch(`${parley.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    for (const path of ['/app', '/app/', '/app/c/0190e5c0-0000-7000-8000-000000000000', '/app/preferences']) {
      const page = await fetch(parley.url + path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    }
  });

  it('asks for a token when nobody is signed in, and names who is once one is given', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${parley.url}/app/`);
    await expect.poll(() => page.getByLabel('Token').isVisible()).toBe(true);
    await page.getByLabel('Token').fill('not a token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a Parley token');
    await context.close();

    const { page: signed, errors, context: c2 } = await signedIn(browser, parley, 'buyer-shell', 'buyer', { name: 'Bea Buyer' });
    await expect.poll(() => signed.getByText('Bea Buyer').isVisible()).toBe(true);
    await expect.poll(() => signed.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).isVisible()).toBe(true);
    await signed.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => signed.getByLabel('Token').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await c2.close();
  });

  it('sends the user back to sign in, saying why, when the token expires', async () => {
    const { page, context } = await signedIn(browser, parley, 'buyer-expiring', 'buyer', { name: 'Eve Expiring', expiresIn: '3s' });
    await expect.poll(() => page.getByText('Eve Expiring').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your session has ended' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByLabel('Token').isVisible()).toBe(true);
    // Nothing of the user is kept: a reload stays signed out.
    await page.reload();
    await expect.poll(() => page.getByLabel('Token').isVisible()).toBe(true);
    await context.close();
  });
});
