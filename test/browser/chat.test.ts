import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { UserRole } from '../../src/auth/principal.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, type SignedInPage, signedIn } from '../support/browser.ts';
import { allMessages, applied, payment, placeOrder, shipment } from '../support/marketplace.ts';
import { type TestParley, startParley } from '../support/parley.ts';

/** A fresh buyer and seller per test, so tests never see each other's conversations. */
function parties(name: string) {
  const id = randomUUID().slice(0, 8);
  return {
    buyer: { userId: `buyer-${name}-${id}`, name: 'Ana' },
    seller: { userId: `seller-${name}-${id}`, name: 'Mugs & Co' },
  };
}

/** A real 2×1 PNG, so the browser can draw it. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.from([0, 200, 80, 40, 20, 90, 200]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const composer = (page: Page) => page.getByRole('textbox', { name: /^Message to/ });
const timeline = (page: Page) => page.getByRole('region', { name: 'Messages' });
/** The timeline entry holding a text (a message, or an order card). */
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });

describe.each(backends)('chat views ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  const opened: SignedInPage[] = [];
  const open = async (userId: string, role: UserRole, options: Parameters<typeof signedIn>[4]) => {
    const signed = await signedIn(browser, parley, userId, role, options);
    opened.push(signed);
    return signed;
  };

  beforeAll(async () => {
    parley = await startParley(backend);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of opened) await s.context.close().catch(() => {});
    await browser?.close();
    await parley?.close();
  });

  it('lets a buyer and a seller chat live on an order, with unread counts, typing and read receipts', async () => {
    const { buyer, seller } = parties('live');
    const { conversationId, orderId } = await placeOrder(parley, { buyer, seller });
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
    const s = await open(seller.userId, 'seller', { name: seller.name });

    // The buyer sees who is online.
    const people = b.page.getByRole('list', { name: 'Participants' });
    await expect.poll(() => people.textContent()).toMatch(/Mugs & Co.*online/);

    // The seller starts in the inbox list; the order is there with the order's state.
    const row = s.page.getByRole('link', { name: new RegExp(`Order ${orderId}`) });
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => row.textContent()).toContain('Placed');

    // The buyer writes; the seller's inbox row moves live: preview and unread badge.
    await expect.poll(() => composer(b.page).isEditable()).toBe(true);
    await composer(b.page).fill('Hello, is my mug packed yet?');
    await composer(b.page).press('Enter');
    await expect.poll(() => row.textContent()).toContain('Ana: Hello, is my mug packed yet?');
    await expect.poll(() => row.textContent()).toMatch(/\d+ unread/);
    await expect.poll(() => entry(b.page, 'Hello, is my mug packed yet?').textContent()).toMatch(/Sent|Delivered/);

    // The seller opens it: they see the message, it is marked read, the buyer sees "Read" live.
    await row.click();
    await expect.poll(() => entry(s.page, 'Hello, is my mug packed yet?').isVisible()).toBe(true);
    await expect.poll(() => entry(b.page, 'Hello, is my mug packed yet?').locator('.receipt').textContent()).toMatch(/\bRead$/);
    await expect.poll(() => row.textContent()).not.toMatch(/unread/);

    // The seller types: the buyer is told, politely, then gets the answer live.
    await composer(s.page).pressSequentially('Yes, it ships today');
    await expect.poll(() => b.page.getByText('Mugs & Co is typing…').isVisible()).toBe(true);
    await composer(s.page).press('Enter');
    await expect.poll(() => entry(b.page, 'Yes, it ships today').isVisible()).toBe(true);
    await expect.poll(() => entry(s.page, 'Yes, it ships today').locator('.receipt').textContent()).toMatch(/\bRead$/);
    await expect.poll(() => b.page.getByText('Mugs & Co is typing…').count()).toBe(0);

    // Shift+Enter is a new line, not a send.
    await composer(b.page).fill('First line');
    await composer(b.page).press('Shift+Enter');
    await composer(b.page).pressSequentially('second line');
    expect(await composer(b.page).inputValue()).toBe('First line\nsecond line');
    await composer(b.page).press('Enter');
    await expect.poll(async () => (await allMessages(parley, conversationId)).some((m) => m.content === 'First line\nsecond line')).toBe(true);

    // Each message was stored once.
    const stored = (await allMessages(parley, conversationId)).filter((m) => m.senderId !== 'system');
    expect(stored.map((m) => m.content)).toEqual(['Hello, is my mug packed yet?', 'Yes, it ships today', 'First line\nsecond line']);
    expect(b.errors).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('inserts a template by its shortcut with its variables filled, and sends that text counted as a use', async () => {
    const { buyer, seller } = parties('template');
    const { conversationId, orderId } = await placeOrder(parley, { buyer, seller });
    const created = await parley.request('POST', '/marketplace/messaging/templates', {
      as: seller.userId,
      role: 'seller',
      body: { name: 'Thanks for ordering', content: 'Hi {{buyer_name}}, thanks for order {{order_id}}! It ships with {{carrier}}.', shortcut: 'Alt+T' },
    });
    expect(created.status).toBe(201);
    await parley.request('POST', `/conversations/${conversationId}/messages`, { as: buyer.userId, body: { content: 'When will my order ship?' } });

    const s = await open(seller.userId, 'seller', { name: seller.name, path: `/c/${conversationId}` });
    const panel = s.page.getByRole('complementary', { name: 'Quick replies' });
    await expect.poll(() => panel.getByRole('button', { name: 'Thanks for ordering' }).isVisible()).toBe(true);
    // The shortcut is shown, and the variable the conversation cannot fill yet is named.
    await expect.poll(() => panel.textContent()).toContain('Alt+T');
    await expect.poll(() => panel.textContent()).toContain('Not filled: {{carrier}}');

    const filled = `Hi Ana, thanks for order ${orderId}! It ships with {{carrier}}.`;
    await composer(s.page).click();
    await s.page.keyboard.press('Alt+T');
    await expect.poll(() => composer(s.page).inputValue()).toBe(filled);
    // The unfilled variable is selected, so typing replaces it.
    await s.page.keyboard.type('DHL');
    const sent = `Hi Ana, thanks for order ${orderId}! It ships with DHL.`;
    await expect.poll(() => composer(s.page).inputValue()).toBe(sent);

    // "/" and part of the name, then Tab, inserts it too.
    await composer(s.page).fill('');
    await composer(s.page).pressSequentially('/thanks');
    await expect.poll(() => s.page.getByRole('option', { name: /thanks-for-ordering/ }).isVisible()).toBe(true);
    await composer(s.page).press('Tab');
    await expect.poll(() => composer(s.page).inputValue()).toBe(filled);
    await s.page.keyboard.type('DHL');

    await composer(s.page).press('Enter');
    await expect.poll(() => entry(s.page, sent).isVisible()).toBe(true);
    // The view shows a message as soon as it is sent; it is stored a moment later.
    const stored = async () => (await allMessages(parley, conversationId)).filter((m) => m.senderId === seller.userId);
    await expect.poll(async () => (await stored()).length).toBe(1);
    const mine = await stored();
    expect(mine[0].content).toBe(sent);
    expect(mine[0].metadata.templateId).toBe(created.body.templateId);
    await expect.poll(() => panel.textContent()).toContain('Used 1 time');

    // A new buyer message brings fresh suggestions; choosing one fills the composer, nothing is sent yet.
    const reply = await parley.request('POST', '/marketplace/messaging/quick-replies', {
      as: seller.userId,
      role: 'seller',
      body: { content: 'Yes, gift wrapping is free.', triggers: ['wrap'] },
    });
    expect(reply.status).toBe(201);
    await parley.request('POST', `/conversations/${conversationId}/messages`, { as: buyer.userId, body: { content: 'Could you wrap it as a present?' } });
    const suggestion = panel.getByRole('button', { name: /Yes, gift wrapping is free\./ });
    await expect.poll(() => suggestion.isVisible()).toBe(true);
    await suggestion.click();
    await expect.poll(() => composer(s.page).inputValue()).toBe('Yes, gift wrapping is free.');
    expect((await allMessages(parley, conversationId)).filter((m) => m.senderId === seller.userId)).toHaveLength(1);
    await composer(s.page).press('Enter');
    await expect.poll(async () => (await allMessages(parley, conversationId)).filter((m) => m.senderId === seller.userId).length).toBe(2);
    const last = (await allMessages(parley, conversationId)).at(-1);
    expect(last.content).toBe('Yes, gift wrapping is free.');
    expect(last.metadata.quickReplyId).toBe(reply.body.quickReplyId);
    expect(s.errors).toEqual([]);
  });

  it('sends attachments: images show inline, other files download', async () => {
    const { buyer, seller } = parties('files');
    const { conversationId } = await placeOrder(parley, { buyer, seller });
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
    const s = await open(seller.userId, 'seller', { name: seller.name, path: `/c/${conversationId}` });
    await expect.poll(() => composer(b.page).isEditable()).toBe(true);

    await b.page.getByLabel('Attach files').setInputFiles([
      { name: 'broken-mug.png', mimeType: 'image/png', buffer: tinyPng() },
      { name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('Invoice 1042') },
    ]);
    const uploads = b.page.getByRole('list', { name: 'Files to send' });
    await expect.poll(() => uploads.textContent()).toContain('broken-mug.png');
    await expect.poll(() => uploads.getByText('Uploading…').count()).toBe(0);
    await composer(b.page).fill('The mug arrived broken, photo attached');
    await composer(b.page).press('Enter');

    const received = entry(s.page, 'The mug arrived broken, photo attached');
    const image = received.getByRole('img', { name: 'broken-mug.png' });
    await expect.poll(() => image.isVisible()).toBe(true);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    const download = s.page.waitForEvent('download');
    await received.getByRole('button', { name: /Download invoice\.txt/ }).click();
    expect((await download).suggestedFilename()).toBe('invoice.txt');

    const [stored] = (await allMessages(parley, conversationId)).filter((m) => m.senderId === buyer.userId);
    expect(stored.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['broken-mug.png', 'invoice.txt']);
    expect(b.errors).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('shows an order event posted through the API in the open timeline at once, as a shipping card', async () => {
    const { buyer, seller } = parties('event');
    const { conversationId, orderId } = await placeOrder(parley, { buyer, seller });
    await applied(parley, 'paid', orderId, payment(59.9, 'EUR'));
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
    await expect.poll(() => entry(b.page, 'Payment received').isVisible()).toBe(true);
    const view = b.page.getByRole('region', { name: `Order ${orderId}` });
    await expect.poll(() => view.getByText('Status: Paid').isVisible()).toBe(true);

    await applied(parley, 'shipped', orderId, shipment('1ZLIVE0000000001'));
    const card = entry(b.page, 'Shipped with UPS');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain('1ZLIVE0000000001');
    expect(await card.textContent()).toContain('System');
    const track = card.getByRole('link', { name: /Track the parcel/ });
    expect(await track.getAttribute('href')).toBe('https://www.ups.com/track?tracknum=1ZLIVE0000000001');
    // The header follows the order's state.
    await expect.poll(() => view.getByText('Status: Shipped').isVisible()).toBe(true);

    // After a reload the same event comes from the timeline as the same card.
    await b.page.reload();
    await expect.poll(() => entry(b.page, 'Shipped with UPS').textContent()).toContain('1ZLIVE0000000001');
    expect(b.errors).toEqual([]);
  });

  it('shows a refused send with the reason, and a Retry that stores the message once', async () => {
    // A Parley that takes one message per user every 5 s: the second send in a row is refused.
    const limited = await startParley(backend, { env: { PARLEY_SEND_RATE_LIMIT: '1', PARLEY_SEND_RATE_WINDOW_SECONDS: '5' } });
    try {
      const { buyer, seller } = parties('retry');
      const { conversationId } = await placeOrder(limited, { buyer, seller });
      const b = await signedIn(browser, limited, buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
      opened.push(b);
      await expect.poll(() => composer(b.page).isEditable()).toBe(true);

      expect((await limited.request('POST', `/conversations/${conversationId}/messages`, { as: buyer.userId, body: { content: 'Hello!' } })).status).toBe(201);
      await composer(b.page).fill('Please send it gift-wrapped');
      await composer(b.page).press('Enter');
      const failed = entry(b.page, 'Please send it gift-wrapped');
      await expect.poll(() => failed.getByRole('alert').textContent()).toMatch(/^Not sent: Too many .* Try again in \d+ s\./);

      // Retry (again, until the limit lets it through): the message is stored once.
      const retry = failed.getByRole('button', { name: 'Retry' });
      await expect
        .poll(
          async () => {
            if (await retry.isVisible()) await retry.click();
            return (await allMessages(limited, conversationId)).filter((m) => m.content === 'Please send it gift-wrapped').length;
          },
          { timeout: 15_000, interval: 1_000 },
        )
        .toBe(1);
      await expect.poll(() => entry(b.page, 'Please send it gift-wrapped').textContent()).toMatch(/Sent|Delivered|Read/);
      await expect.poll(() => b.page.getByRole('alert').count()).toBe(0);
      expect((await allMessages(limited, conversationId)).filter((m) => m.content === 'Please send it gift-wrapped')).toHaveLength(1);
      expect(b.errors).toEqual([]);
      await b.context.close();
    } finally {
      await limited.close();
    }
  }, 60_000);

  it('loads earlier messages when the reader scrolls up to them', async () => {
    const { buyer, seller } = parties('older');
    const { conversationId } = await placeOrder(parley, { buyer, seller });
    for (let i = 1; i <= 28; i++) {
      await parley.request('POST', `/conversations/${conversationId}/messages`, { as: buyer.userId, body: { content: `Question ${i}` } });
      await parley.request('POST', `/conversations/${conversationId}/messages`, { as: seller.userId, role: 'seller', body: { content: `Answer ${i}` } });
    }
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
    await expect.poll(() => entry(b.page, 'Answer 28').isVisible()).toBe(true);
    // The newest page: the order's first event and first messages are not there yet.
    expect(await timeline(b.page).getByText('Question 1', { exact: true }).count()).toBe(0);
    expect(await timeline(b.page).getByRole('button', { name: 'Load earlier messages' }).count()).toBe(1);

    await timeline(b.page).evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => timeline(b.page).getByText('Question 1', { exact: true }).count()).toBe(1);
    await expect.poll(() => timeline(b.page).getByText('Start of the conversation').isVisible()).toBe(true);
    expect(await entry(b.page, 'Order status').textContent()).toContain('Placed');
    expect(b.errors).toEqual([]);
  });

  it('finds messages by search and opens their conversation; filters the list by kind', async () => {
    const { buyer, seller } = parties('search');
    const order = await placeOrder(parley, { buyer, seller });
    await parley.request('POST', `/conversations/${order.conversationId}/messages`, { as: seller.userId, role: 'seller', body: { content: 'Your parcel leaves the workshop on Friday' } });
    const inquiry = await parley.request('POST', '/marketplace/messaging/conversations/product/prod-vase', {
      as: buyer.userId,
      body: { sellerId: seller.userId, productTitle: 'Tall vase', question: 'Is the tall vase waterproof?' },
    });
    expect(inquiry.status).toBe(201);

    const b = await open(buyer.userId, 'buyer', { name: buyer.name });
    const list = b.page.getByRole('region', { name: 'Inbox' });
    await expect.poll(() => list.getByRole('link', { name: /Tall vase/ }).isVisible()).toBe(true);
    await list.getByRole('button', { name: /^Inquiries/ }).click();
    await expect.poll(() => list.getByRole('link', { name: new RegExp(`Order ${order.orderId}`) }).count()).toBe(0);
    await list.getByRole('button', { name: /^Orders/ }).click();
    await expect.poll(() => list.getByRole('link', { name: /Tall vase/ }).count()).toBe(0);
    await list.getByRole('button', { name: /^All/ }).click();

    await b.page.getByRole('searchbox', { name: 'Search messages' }).fill('WORKSHOP friday');
    await b.page.getByRole('button', { name: 'Search' }).click();
    const result = list.getByRole('link', { name: /leaves the workshop on Friday/ });
    await expect.poll(() => result.isVisible()).toBe(true);
    await result.click();
    await expect.poll(() => b.page.getByRole('heading', { name: `Order ${order.orderId}` }).isVisible()).toBe(true);
    await expect.poll(() => entry(b.page, 'Your parcel leaves the workshop on Friday').isVisible()).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('is usable at phone width: the list, then the conversation full width with a way back', async () => {
    const { buyer, seller } = parties('phone');
    const { conversationId, orderId } = await placeOrder(parley, { buyer, seller });
    await parley.request('POST', `/conversations/${conversationId}/messages`, { as: seller.userId, role: 'seller', body: { content: 'Thanks for your order!' } });
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, viewport: { width: 390, height: 844 } });

    const row = b.page.getByRole('link', { name: new RegExp(`Order ${orderId}`) });
    await expect.poll(() => row.isVisible()).toBe(true);
    await row.click();
    await expect.poll(() => b.page.getByRole('heading', { name: `Order ${orderId}` }).isVisible()).toBe(true);
    // One pane: the list is gone, the conversation and its composer take the width.
    expect(await b.page.getByRole('heading', { name: 'Inbox' }).isVisible()).toBe(false);
    await expect.poll(() => entry(b.page, 'Thanks for your order!').isVisible()).toBe(true);
    const box = await composer(b.page).boundingBox();
    expect(box!.width).toBeGreaterThan(330);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await composer(b.page).fill('Great, thank you');
    await b.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => entry(b.page, 'Great, thank you').isVisible()).toBe(true);

    await b.page.getByRole('link', { name: 'Back to inbox' }).click();
    await expect.poll(() => b.page.getByRole('heading', { name: 'Inbox' }).isVisible()).toBe(true);
    await expect.poll(() => row.textContent()).toContain('You: Great, thank you');
    expect(b.errors).toEqual([]);
  });
});
