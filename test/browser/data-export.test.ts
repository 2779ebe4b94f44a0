import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
}

describe.each(backends)('"Download my data" in the web app ($name)', (backend) => {
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

  it('saves a JSON file of everything held about the user, with their message in it', async () => {
    const buyer = user('buyer-export');
    const { conversationId } = await orderConversation(parley, buyer, user('seller-export'));
    expect((await sendMessage(parley, conversationId, 'Can you gift-wrap it?', { as: buyer })).status).toBe(201);

    const { page, errors, context } = await signedIn(browser, parley, buyer, 'buyer', { path: '/preferences' });
    const button = page.getByRole('button', { name: 'Download my data' });
    await eventually(() => button.isVisible()).toBe(true);
    await eventually(() => page.getByRole('button', { name: 'Save preferences' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`parley-export-${buyer}.json`);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(doc).toMatchObject({ format: 'parley-export/1', userId: buyer });
    const conversation = doc.conversations.find((c: { conversationId: string }) => c.conversationId === conversationId);
    expect(conversation.messages.map((m: { content: string }) => m.content)).toContain('Can you gift-wrap it?');
    await eventually(() => page.getByRole('status').filter({ hasText: `Saved parley-export-${buyer}.json.` }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
