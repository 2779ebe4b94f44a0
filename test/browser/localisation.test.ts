import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { type TestParley, startParley } from '../support/parley.ts';

describe.each(backends)('the web app in the user\'s language ($name)', (backend) => {
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

  it("speaks the token's locale, sets <html lang>, and switches with the picker, accessibly in both", async () => {
    const { page, errors, context } = await signedIn(browser, parley, `buyer-de-${Date.now()}`, 'buyer', { name: 'Dora Deutsch', locale: 'de-AT' });
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Posteingang' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect.poll(() => page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('link', { name: 'Einstellungen' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // The choice is kept in this browser: it wins over the token's locale after a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("takes the contact's locale when the token has none, and says so when a language has no texts", async () => {
    const german = `buyer-contact-${Date.now()}`;
    expect((await parley.request('PUT', `/users/${german}/contact`, { body: { locale: 'de' } })).status).toBe(200);
    const de = await signedIn(browser, parley, german, 'buyer');
    await expect.poll(() => de.page.getByRole('heading', { level: 1, name: 'Posteingang' }).isVisible()).toBe(true);
    expect(await de.page.getAttribute('html', 'lang')).toBe('de');
    await de.context.close();

    const { page, errors, context } = await signedIn(browser, parley, `buyer-fr-${Date.now()}`, 'buyer', { locale: 'fr-CA' });
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'no texts in your language (fr-CA)' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the languages on the sign-in page too', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${parley.url}/app/`);
    await expect.poll(() => page.getByRole('button', { name: 'Anmelden' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
