import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { UserRole } from '../../src/auth/principal.ts';
import type { TestParley } from './parley.ts';

/** Debian's Chromium: `apt-get install -y chromium`. The tests never download a browser. */
export const chromiumPath = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium with the flags a closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`The browser tests need Chromium at ${chromiumPath}: run "apt-get update && apt-get install -y chromium" (or set PARLEY_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and failed page scripts, for assertions and failure messages. */
  errors: string[];
}

/**
 * A new browser context (its own storage, like a separate person's browser) signed in as the
 * user: the app takes a token handed over in the URL fragment, as a marketplace would do.
 */
export async function signedIn(
  browser: Browser,
  parley: TestParley,
  userId: string,
  role: UserRole = 'buyer',
  options: { name?: string; path?: string; viewport?: { width: number; height: number }; expiresIn?: string; locale?: string } = {},
): Promise<SignedInPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const token = await parley.token(userId, role, { name: options.name ?? userId, expiresIn: options.expiresIn ?? '1h', ...(options.locale ? { locale: options.locale } : {}) });
  await page.goto(`${parley.url}/app${options.path ?? '/'}#token=${encodeURIComponent(token)}`);
  return { context, page, errors };
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each (empty: none). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}
