import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('the suppression list in the web app ($name)', (backend) => {
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

  it('lets an operator list, filter, add and remove suppressed addresses and read the audit trail', async () => {
    const bounced = `${unique('bounced')}@example.com`;
    const stopped = `+1415777${String(Date.now() % 10_000).padStart(4, '0')}`;
    expect((await parley.request('POST', '/suppressions', { body: { channel: 'email', address: bounced, note: 'Mailbox closed' } })).status).toBe(201);
    await parley.db.insertInto('address_suppressions').values({ channel: 'sms', address: stopped, reason: 'stop', added_by: 'sms:twilio:twilio', created_at: new Date() }).execute();

    const { page, errors, context } = await signedIn(browser, parley, unique('ops'), 'operator', { path: '/suppressions' });
    const listed = page.getByRole('list', { name: 'Suppressed addresses' });
    await eventually(() => listed.getByText(bounced).isVisible()).toBe(true);
    await eventually(() => listed.getByText(stopped).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Suppressions' }).getAttribute('aria-current')).toBe('page');
    // A STOP has no Remove button: only the number's owner lifts it.
    await eventually(() => listed.getByText("Only the number's owner can lift a STOP, by texting START.").isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Channel', { exact: true }).first().selectOption('sms');
    await eventually(() => listed.getByText(bounced).count()).toBe(0);
    await page.getByLabel('Channel', { exact: true }).first().selectOption('');

    const added = `${unique('manual')}@example.com`;
    await page.getByLabel('Email address').fill(added);
    await page.getByLabel('Note (optional)').fill('Asked us by phone');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: `${added} is suppressed for Email.` }).isVisible()).toBe(true);
    await eventually(() => listed.getByText(added).isVisible()).toBe(true);

    await page.getByRole('button', { name: `Remove ${bounced} (Email) from the list` }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: `${bounced} is off the list` }).isVisible()).toBe(true);
    await eventually(() => listed.getByText(bounced).count()).toBe(0);

    const trail = page.getByRole('table', { name: 'Changes to the suppression list' });
    await eventually(() => trail.getByRole('row').filter({ hasText: bounced }).filter({ hasText: 'Removed' }).count()).toBe(1);
    await eventually(() => trail.getByRole('row').filter({ hasText: added }).filter({ hasText: 'Added' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const stored = await parley.request('GET', `/suppressions/events?channel=email&address=${encodeURIComponent(bounced)}`);
    expect(stored.body.events.map((e: any) => e.action)).toEqual(['removed', 'added']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells anyone else the page is not for their role', async () => {
    const { page, errors, context } = await signedIn(browser, parley, unique('buyer'), 'buyer', { path: '/suppressions' });
    await eventually(() => page.getByText('The suppression list is not available for your role.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Suppressions' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
