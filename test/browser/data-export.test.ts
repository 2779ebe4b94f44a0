import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

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
