import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import type { Acceptor, RoutingTable } from '../accept.ts';
import type { ClaimedDelivery } from '../deliveries/delivery-types.ts';
import type { Rendered } from '../model.ts';
import type { DigestKey, Preferences } from '../preferences/preference-schemas.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import type { Templates } from '../templates/notification-templates.ts';
import { type ChatItemContent, createDigestRenderer } from './digest-rendering.ts';
import { type DigestWindow, digestChoice, digestRequestId, digestTimezone, windowEnd } from './digest-schedule.ts';
import { claimDigestWindow } from './sql/claimDigestWindow.ts';
import { insertDigestItems } from './sql/insertDigestItems.ts';
import { listClosedWindows } from './sql/listClosedWindows.ts';
import { listWindowItems } from './sql/listWindowItems.ts';
import { markDigestItems } from './sql/markDigestItems.ts';
import { moveLateItems } from './sql/moveLateItems.ts';

export type { DigestWindow } from './digest-schedule.ts';
export type { ChatItemContent } from './digest-rendering.ts';

/** Unread chat messages of one conversation, for a user who takes chat as a digest. */
export interface ChatDigestItem extends ChatItemContent {
  /** Unique per unread streak: the same streak collected twice is one item. */
  itemId: string;
  userId: string;
  /** The channel a reminder would have gone out on (email, or push without an address). */
  channel: 'email' | 'push';
  email?: string;
}

const HOUR_MS = 3_600_000;

/**
 * Digests: owner of digest_items and digest_windows. A delivery of a type a user takes as a
 * digest is collected by the dispatcher instead of sent (`collectDelivery`); unread chat
 * messages are collected by the unread reminders instead of a reminder (`collectChat`). When a
 * window closes, `sendDue` renders its items into one notification and accepts it through the
 * acceptor, in one transaction with the window's row and the items' marks.
 */
export function createDigests({ db, acceptor, templates, preferences, routing, defaultLocale, log }: {
  db: Db;
  acceptor: Pick<Acceptor, 'prepare'>;
  templates?: Pick<Templates, 'find' | 'render'>;
  preferences: Pick<PreferencesService, 'getMany'>;
  routing: RoutingTable;
  defaultLocale: string;
  log: Logger;
}) {
  const renderer = createDigestRenderer({ templates, defaultLocale, log });

  /** The window of the digest `key` a user with these preferences collects into at `at`; undefined: none. */
  function windowOf(userId: string, key: DigestKey, prefs: Preferences | undefined, at: Date): DigestWindow | undefined {
    const schedule = digestChoice(prefs, key, routing);
    return schedule && { userId, key, end: windowEnd(schedule, digestTimezone(prefs), at) };
  }

  /**
   * The digest a claimed delivery goes into, or undefined when it goes out now: in-app stays
   * immediate, and a digest is never gathered into another.
   */
  function digestFor(row: ClaimedDelivery, prefs: Preferences | undefined, at: Date): DigestWindow | undefined {
    if (row.channel === 'in-app' || row.metadata?.digest) return undefined;
    return windowOf(row.user_id, row.notification_type, prefs, at);
  }

  /** Records a claimed delivery as an item of its window; one recorded before (its worker died after) is left as it was. */
  async function collectDelivery(row: ClaimedDelivery, rendered: Rendered, window: DigestWindow): Promise<void> {
    const title = rendered.subject ?? rendered.title ?? '';
    const body = rendered.text ?? rendered.body ?? '';
    const payload = rendered.payload as { subject?: string; body?: string } | undefined;
    const locale = row.content.kind === 'template' ? row.content.locale : undefined;
    await insertDigestItems(db, [
      {
        itemId: row.log_id,
        userId: row.user_id,
        key: window.key,
        windowEnd: window.end,
        channel: row.channel,
        sourceId: row.request_id,
        recipient: row.recipient,
        content: { title: title || payload?.subject || '', body: body || payload?.body || '', ...(locale && { locale }) },
      },
    ]);
  }

  /** The chat digest window a user collects into at `at`, or undefined when they take per-conversation reminders. */
  async function chatWindow(userId: string, at: Date = new Date()): Promise<DigestWindow | undefined> {
    const prefs = (await preferences.getMany([userId])).get(userId);
    return windowOf(userId, 'chat', prefs, at);
  }

  /** Records unread chat messages as an item of the window, with the caller's executor (their transaction). */
  async function collectChat(executor: Db, item: ChatDigestItem, window: DigestWindow): Promise<boolean> {
    const { itemId, userId, channel, email, ...content } = item;
    const inserted = await insertDigestItems(executor, [
      { itemId, userId, key: 'chat', windowEnd: window.end, channel, sourceId: itemId, recipient: { userId, ...(email && { email }) }, content: content as unknown as Record<string, unknown> },
    ]);
    return inserted === 1;
  }

  /** Sends one closed window. True when this call sent it. */
  async function sendWindow(window: DigestWindow, at: Date): Promise<boolean> {
    const items = await listWindowItems(db, window.userId, window.key, window.end);
    if (!items.length) return false;
    const requestId = digestRequestId(window);
    const request = await renderer.compose(window, requestId, items);
    const prepared = await acceptor.prepare([request], { digest: window.key });
    // Where items go that reach this window after its digest was sent: the user's next window.
    const prefs = (await preferences.getMany([window.userId])).get(window.userId);
    const next = windowOf(window.userId, window.key, prefs, at)?.end ?? new Date(at.getTime() + HOUR_MS);
    const later = next > window.end ? next : new Date(window.end.getTime() + HOUR_MS);
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await claimDigestWindow(trx, window.userId, window.key, window.end, requestId, items.length))) {
        // Sent already (by another worker, maybe this very moment): what is still unsent in it came too late for it.
        await moveLateItems(trx, window.userId, window.key, window.end, later);
        return false;
      }
      const marked = await markDigestItems(trx, items.map((i) => i.item_id), requestId);
      if (marked !== items.length) throw new Error(`digest ${requestId}: ${items.length - marked} of its items were carried by another digest`);
      const [result] = await prepared.write(trx);
      if (result?.status !== 'accepted') throw new Error(`digest ${requestId} was not accepted: ${result?.status === 'conflict' ? result.error.message : 'no answer'}`);
      return true;
    });
    if (sent) prepared.committed();
    return sent;
  }

  /** Sends every window closed by `at`: one notification per user, digest and window. Answers how many this call sent. */
  async function sendDue(at: Date = new Date(), limit = 200): Promise<number> {
    const windows = await listClosedWindows(db, at, limit);
    let sent = 0;
    for (const w of windows) {
      const window: DigestWindow = { userId: w.user_id, key: w.digest_key as DigestKey, end: new Date(w.window_end) };
      try {
        if (await sendWindow(window, at)) sent++;
      } catch (err) {
        log.warn({ err: (err as Error).message, userId: window.userId, key: window.key, windowEnd: window.end.toISOString() }, 'sending a digest failed; it is tried again next round');
      }
    }
    return sent;
  }

  return { digestFor, collectDelivery, chatWindow, collectChat, sendDue };
}

export type Digests = ReturnType<typeof createDigests>;
