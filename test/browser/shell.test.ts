import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('serves the bundle compressed to browsers that accept it, cached for good, and a missing file as 404', async () => {
    const html = await (await fetch(`${parley.url}/app/`)).text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const plain = await fetch(parley.url + script!, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await plain.arrayBuffer());
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      // undici's fetch would decode it: read the raw bytes with node:http.
      const raw = await rawGet(parley.url + script!, encoding);
      expect(raw.headers['content-encoding']).toBe(encoding);
      expect(raw.headers.vary).toMatch(/accept-encoding/i);
      expect(raw.body.length).toBeLessThan(body.length / 2);
      expect(decode(raw.body).equals(body)).toBe(true);
    }
    const missing = await fetch(`${parley.url}/app/assets/index-missing.js`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('route_not_found');
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
    const { page, context } = await signedIn(browser, parley, 'buyer-expiring', 'buyer', { name: 'Eve Expiring', expiresIn: '10s' });
    await expect.poll(() => page.getByText('Eve Expiring').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your session has ended' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByLabel('Token').isVisible()).toBe(true);
    // Nothing of the user is kept: a reload stays signed out.
    await page.reload();
    await expect.poll(() => page.getByLabel('Token').isVisible()).toBe(true);
    await context.close();
  }, 60_000);
});

function rawGet(url: string, encoding: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
