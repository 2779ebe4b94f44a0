import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });
const timeline = (page: Page) => page.getByRole('region', { name: 'Messages' });
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });

/** A short edit window, so a test can also see it close. */
const editWindowSeconds = 15;

describe.each(backends)('editing and deleting your own messages in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_EDIT_WINDOW_SECONDS: String(editWindowSeconds) } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('edits and deletes a message within the window, live for the other side; others\' messages offer neither', async () => {
    const buyer = user('buyer-edit');
    const seller = user('seller-edit');
    const { conversationId } = await orderConversation(parley, buyer, seller);
    expect((await sendMessage(parley, conversationId, 'Hello, do you ship to Porto?', { as: seller, role: 'seller' })).status).toBe(201);
    const b = await signedIn(browser, parley, buyer, 'buyer', { path: `/c/${conversationId}` });
    const s = await signedIn(browser, parley, seller, 'seller', { path: `/c/${conversationId}` });

    const composer = b.page.getByRole('textbox', { name: /^Message to/ });
    await eventually(() => composer.isEditable()).toBe(true);
    await composer.fill('I would like it in bleu');
    await composer.press('Enter');
    const mine = entry(b.page, 'I would like it in bleu');
    await eventually(() => mine.getByRole('button', { name: 'Edit your message' }).isVisible()).toBe(true);
    // The seller's message is not the buyer's to change.
    expect(await entry(b.page, 'do you ship to Porto').getByRole('button', { name: /your message/ }).count()).toBe(0);
    expect(await axeViolations(b.page)).toEqual([]);

    await mine.getByRole('button', { name: 'Edit your message' }).click();
    const box = b.page.getByRole('textbox', { name: 'Edit your message' });
    await box.fill('I would like it in blue');
    expect(await axeViolations(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => entry(b.page, 'I would like it in blue').textContent()).toContain('edited');
    await eventually(() => entry(s.page, 'I would like it in blue').textContent()).toContain('edited');
    expect(await entry(s.page, 'I would like it in blue').getByRole('button', { name: /your message/ }).count()).toBe(0);

    await composer.fill('Ignore this one');
    await composer.press('Enter');
    const second = entry(b.page, 'Ignore this one');
    await eventually(() => second.getByRole('button', { name: 'Delete your message' }).isVisible()).toBe(true);
    await second.getByRole('button', { name: 'Delete your message' }).click();
    // Deleting asks first; Keep leaves it as it was.
    await b.page.getByRole('button', { name: 'Keep' }).click();
    await second.getByRole('button', { name: 'Delete your message' }).click();
    await b.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(() => timeline(b.page).textContent()).not.toContain('Ignore this one');
    await eventually(() => timeline(s.page).textContent()).not.toContain('Ignore this one');
    await eventually(() => timeline(s.page).getByText('This message was deleted.').count()).toBe(1);

    // The server stored both changes.
    const stored = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: buyer });
    const byBuyer = (stored.body as { messages: { senderId: string; content: string | null; status: string; editedAt: string | null }[] }).messages.filter((m) => m.senderId === buyer);
    expect(byBuyer).toHaveLength(2);
    expect(byBuyer[0]).toMatchObject({ content: 'I would like it in blue', editedAt: expect.any(String) });
    expect(byBuyer[1]).toMatchObject({ content: null, status: 'deleted' });

    // When the window closes, the buttons go.
    await expect
      .poll(() => entry(b.page, 'I would like it in blue').getByRole('button', { name: 'Edit your message' }).count(), { timeout: (editWindowSeconds + 10) * 1000 })
      .toBe(0);
    expect([...b.errors, ...s.errors]).toEqual([]);
    await b.context.close();
    await s.context.close();
  });
});
