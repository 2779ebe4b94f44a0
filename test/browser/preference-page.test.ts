import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSigner } from '../../src/crypto/signed-links.ts';
import { backends } from '../support/backends.ts';
import { launchBrowser } from '../support/browser.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('the hosted preference and unsubscribe pages in Chromium ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  let links: LinkSigner;
  beforeAll(async () => {
    parley = await startParley(backend);
    browser = await launchBrowser();
    // The links Parley writes into messages, signed with the same key.
    links = new LinkSigner(parley.config.encryptionKey, parley.url);
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  /** A fresh browser, no sign-in; the pages' CSP is bypassed only so that axe can be injected. */
  async function open(url: string, locale = 'en-US') {
    const context = await browser.newContext({ bypassCSP: true, locale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return { context, page, errors };
  }

  it('changes types, channels and a vendor consent with the plain form, accessibly, in English', async () => {
    const buyer = user('buyer');
    const token = links.sign('preferences', { userId: buyer, vendorId: 'vendor-9' });
    const { context, page, errors } = await open(links.url('/preferences/page', token));
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Your notification preferences' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await axeViolations(page)).toEqual([]);

    const offers = page.getByRole('group', { name: 'Offers and news' });
    await offers.getByRole('checkbox', { name: 'Email' }).uncheck();
    await offers.getByRole('checkbox', { name: 'Text message (SMS)' }).uncheck();
    await page.getByRole('group', { name: 'Seller vendor-9' }).getByRole('checkbox', { name: 'Email' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your preferences are saved.' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Offers and news' }).getByRole('checkbox', { name: 'Email' }).isChecked()).toBe(false);
    expect(await page.getByRole('group', { name: 'Seller vendor-9' }).getByRole('checkbox', { name: 'Email' }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const prefs = (await parley.request('GET', `/users/${buyer}/preferences`)).body.preferences;
    expect(prefs.channels.promotional).toEqual(['push', 'in-app', 'whatsapp']);
    expect(await page.getByRole('group', { name: 'Offers and news' }).getByRole('checkbox', { name: 'WhatsApp' }).isChecked()).toBe(true);
    const consents = await parley.db.selectFrom('promotional_consents').select(['vendor_id', 'channel', 'granted', 'source', 'user_agent']).where('user_id', '=', buyer).execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ vendor_id: 'vendor-9', channel: 'email', granted: true, source: 'preferences' });
    expect(consents[0]!.user_agent).toContain('Chrome');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks German to a German browser, and the unsubscribe page unsubscribes only when its button is pressed', async () => {
    const buyer = user('buyer');
    const token = links.sign('unsubscribe', { userId: buyer, type: 'promotional', channel: 'email' });
    const { context, page, errors } = await open(links.url('/u', token), 'de-DE');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Abmelden' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await axeViolations(page)).toEqual([]);
    expect((await parley.request('GET', `/users/${buyer}/preferences`)).body.preferences.channels).toEqual({});

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sie sind abgemeldet.' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect((await parley.request('GET', `/users/${buyer}/preferences`)).body.preferences.channels.promotional).toEqual(['sms', 'push', 'in-app', 'whatsapp']);

    // From there to the preference page, still in German.
    await page.getByRole('link', { name: 'Auswählen, was Sie erhalten' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ihre Benachrichtigungseinstellungen' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Angebote und Neuigkeiten' }).getByRole('checkbox', { name: 'E-Mail' }).isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
