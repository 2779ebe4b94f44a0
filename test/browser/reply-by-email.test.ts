import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, signedIn } from '../support/browser.ts';
import { placeOrder } from '../support/marketplace.ts';
import { startParley, type TestParley } from '../support/parley.ts';

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const eventually = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 10_000 });

describe.each(backends)('a message that arrived by email, in the web app ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  beforeAll(async () => {
    parley = await startParley(backend, { env: { PARLEY_REPLY_DOMAIN: 'reply.shop.example', PARLEY_REPLY_SMTP_PORT: '0', PARLEY_REPLY_SMTP_HOST: '127.0.0.1' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('shows the emailed reply like any message, live, with a "by email" mark', async () => {
    const buyer = user('buyer-mail');
    const seller = user('seller-mail');
    const email = `${buyer}@example.com`;
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana', email }, seller: { userId: seller, name: 'Mugs & Co' } });
    const { page, errors, context } = await signedIn(browser, parley, seller, 'seller', { path: `/c/${conversationId}` });
    const messages = page.getByRole('region', { name: 'Messages' });
    await eventually(() => messages.isVisible()).toBe(true);

    const replyTo = await parley.app.parley.emailReplies.replyAddress!(conversationId, buyer);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: parley.app.parley.emailReplies.smtpPort()!, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ from: email, to: replyTo, subject: 'Re: your order', text: 'Can it ship on Friday?\n\nOn Mon, Dec 7, 2026 at 9:12 AM Parley wrote:\n> Mugs & Co: Thanks for your order!' });
    transport.close();
    expect(info.response).toMatch(/^250 /);

    const item = messages.locator('.timeline-item', { hasText: 'Can it ship on Friday?' });
    await eventually(() => item.count()).toBe(1);
    expect(await item.locator('.by-email').textContent()).toBe(' · by email');
    expect(await item.textContent()).not.toContain('wrote:');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
