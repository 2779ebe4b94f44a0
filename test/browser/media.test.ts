import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../src/auth/principal.ts';
import { backends } from '../support/backends.ts';
import { axeViolations, launchBrowser, type SignedInPage, signedIn } from '../support/browser.ts';
import { allMessages, placeOrder } from '../support/marketplace.ts';
import { type TestParley, startParley } from '../support/parley.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));
const composer = (page: Page) => page.getByRole('textbox', { name: /^Message to/ });
const timeline = (page: Page) => page.getByRole('region', { name: 'Messages' });

/** Waits until the element has loaded its media, then answers how long it plays, its error (if any) and, for a video, its picture's width. */
function loaded(media: Locator) {
  return media.evaluate(async (el: HTMLMediaElement) => {
    if (el.readyState < 1) await new Promise((resolve) => el.addEventListener('loadedmetadata', resolve, { once: true }));
    return { duration: Math.round(el.duration * 10) / 10, error: el.error?.code ?? null, width: el instanceof HTMLVideoElement ? el.videoWidth : null };
  });
}

/** Plays a little of it (muted, as a page may without a gesture) and answers whether time moved. */
function plays(media: Locator) {
  return media.evaluate(async (el: HTMLMediaElement) => {
    el.muted = true;
    await el.play();
    await new Promise((resolve) => el.addEventListener('timeupdate', resolve, { once: true }));
    el.pause();
    return el.currentTime > 0;
  });
}

describe.each(backends)('video and voice messages in the conversation view ($name)', (backend) => {
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

  it('sends a voice message and a video from the composer; the other side plays both in place', async () => {
    const id = randomUUID().slice(0, 8);
    const buyer = { userId: `buyer-media-${id}`, name: 'Ana' };
    const seller = { userId: `seller-media-${id}`, name: 'Mugs & Co' };
    const { conversationId } = await placeOrder(parley, { buyer, seller });
    const b = await open(buyer.userId, 'buyer', { name: buyer.name, path: `/c/${conversationId}` });
    const s = await open(seller.userId, 'seller', { name: seller.name, path: `/c/${conversationId}` });
    await expect.poll(() => composer(b.page).isEditable()).toBe(true);

    const uploads = b.page.getByRole('list', { name: 'Files to send' });
    for (const file of [
      { name: 'where-is-my-parcel.ogg', mimeType: 'audio/ogg', buffer: fixture('voice-1s.ogg') },
      { name: 'the-crack.webm', mimeType: 'video/webm', buffer: fixture('video-1s.webm') },
    ]) {
      await b.page.getByLabel('Attach files').setInputFiles([file]);
      await expect.poll(() => uploads.textContent()).toContain(file.name);
      await expect.poll(() => uploads.getByText('Uploading…').count()).toBe(0);
      await composer(b.page).press('Enter');
      await expect.poll(() => uploads.count()).toBe(0);
    }

    const voice = timeline(s.page).getByRole('listitem').locator('audio[controls]');
    await expect.poll(() => voice.count()).toBe(1);
    expect(await voice.getAttribute('aria-label')).toBe('Voice message, 0:01: where-is-my-parcel.ogg');
    expect(await voice.getAttribute('src')).toMatch(/^blob:/);
    expect(await loaded(voice)).toEqual({ duration: 1, error: null, width: null });
    expect(await plays(voice)).toBe(true);

    const video = timeline(s.page).getByRole('listitem').locator('video[controls]');
    await expect.poll(() => video.count()).toBe(1);
    expect(await video.getAttribute('aria-label')).toBe('Video, 0:01: the-crack.webm');
    expect(await loaded(video)).toEqual({ duration: 1, error: null, width: 64 });
    expect(await plays(video)).toBe(true);
    await expect.poll(() => timeline(s.page).getByText('Voice message · 0:01').count()).toBe(1);
    // The inbox names the latest message by its kind and playing time rather than its file name.
    const inbox = s.page.getByRole('region', { name: 'Inbox' });
    await expect.poll(() => inbox.getByText('Ana: Video (0:01)').count()).toBe(1);

    const types = (await allMessages(parley, conversationId)).filter((m) => m.senderId === buyer.userId).map((m) => m.messageType);
    expect(types).toEqual(['voice', 'video']);
    expect(await axeViolations(s.page)).toEqual([]);
    expect(await axeViolations(b.page)).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
