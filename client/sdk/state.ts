import type { Message, ParleyEvent } from './types.ts';

/** Message ids remembered to drop a replayed message.created; notification ids likewise. */
const seenLimit = 5_000;
/** Conversations the client keeps a cursor for, and sends in a resume (the server takes 1,000). */
export const cursorLimit = 1_000;

/**
 * What the client knows between calls: the resume cursors (the last seq seen per
 * conversation), the ids already delivered (so a replay is not delivered twice), and the live
 * unread counts. A count read over REST is applied only if no event newer than the request
 * already set it: every event that sets a count advances an epoch, and a REST answer carries
 * the epoch at which its request went out.
 */
export class ClientState {
  /** The last seq seen per conversation, least recently raised first: the resume cursors. */
  private readonly cursors = new Map<string, number>();
  /** While a resume is being replayed, raises from live events wait for `resumed` (a drop before it resumes from the old cursors). */
  private resumeRaises: Map<string, number> | undefined;
  private readonly seenMessages = new Set<string>();
  private readonly seenNotifications = new Set<string>();

  private readonly unread = new Map<string, number>();
  private notificationsUnreadValue = 0;
  /** Counts events; a count read over REST is not applied over a live event newer than the request. */
  private epochValue = 0;
  private readonly unreadEventEpoch = new Map<string, number>();
  private notificationsEventEpoch = 0;

  /** `emit` tells the client's listeners about a count that a REST answer changed. */
  constructor(private readonly emit: (event: ParleyEvent) => void) {}

  /** The current epoch: take it before a request whose answer carries a count. */
  get epoch(): number {
    return this.epochValue;
  }

  unreadCount(conversationId: string): number {
    return this.unread.get(conversationId) ?? 0;
  }

  get unreadTotal(): number {
    let total = 0;
    for (const n of this.unread.values()) total += n;
    return total;
  }

  get notificationsUnread(): number {
    return this.notificationsUnreadValue;
  }

  // ---- Events -----------------------------------------------------------------------------

  /** Takes in what a server event says; false for an event already delivered (a replayed message or notification), which is dropped. */
  apply(event: ParleyEvent): boolean {
    switch (event.type) {
      case 'message.created': {
        const message = event.message as Message | undefined;
        if (!message) return false;
        if (!remember(this.seenMessages, message.messageId)) return false;
        this.noteSeq(message.conversationId, message.seq, true);
        if (typeof event.unreadCount === 'number') this.noteUnread(message.conversationId, event.unreadCount);
        return true;
      }
      case 'message.ack':
        if (event.message) this.noteSeq(event.message.conversationId, event.message.seq, false);
        return true;
      case 'unread':
        this.noteUnread(event.conversationId, event.unreadCount);
        return true;
      case 'notification.created':
        if (event.notification?.logId && !remember(this.seenNotifications, event.notification.logId)) return false;
        this.notificationsEventEpoch = ++this.epochValue;
        this.notificationsUnreadValue++;
        return true;
      case 'notifications.unread':
        this.notificationsEventEpoch = ++this.epochValue;
        this.notificationsUnreadValue = event.unread;
        return true;
      case 'resumed':
        for (const [conversationId, seq] of this.resumeRaises ?? []) this.raiseCursor(conversationId, seq);
        this.resumeRaises = undefined;
        return true;
      default:
        return true;
    }
  }

  /** A live unread count (an `unread` event, or the one a new message carries). */
  private noteUnread(conversationId: string, count: number): void {
    this.epochValue++;
    this.unreadEventEpoch.set(conversationId, this.epochValue);
    this.unread.set(conversationId, count);
  }

  // ---- Resume cursors ---------------------------------------------------------------------

  /** The cursors to send in a resume, and from now on live raises wait for `resumed`; undefined when there is nothing to resume or a resume is under way. */
  startResume(): Record<string, number> | undefined {
    if (this.cursors.size === 0 || this.resumeRaises) return undefined;
    this.resumeRaises = new Map();
    return Object.fromEntries([...this.cursors].slice(-cursorLimit));
  }

  /** The connection went (or a new one is ready): a resume under way is forgotten; the next one starts from the old cursors. */
  dropResume(): void {
    this.resumeRaises = undefined;
  }

  noteSeq(conversationId: string | undefined, seq: number | undefined, live: boolean): void {
    if (typeof conversationId !== 'string' || typeof seq !== 'number') return;
    if (live && this.resumeRaises) {
      this.resumeRaises.set(conversationId, Math.max(seq, this.resumeRaises.get(conversationId) ?? 0));
      return;
    }
    this.raiseCursor(conversationId, seq);
  }

  private raiseCursor(conversationId: string, seq: number): void {
    const current = this.cursors.get(conversationId);
    if (current !== undefined && current >= seq) return;
    this.cursors.delete(conversationId);
    this.cursors.set(conversationId, seq);
    if (this.cursors.size > cursorLimit * 5) this.cursors.delete(this.cursors.keys().next().value as string);
  }

  noteMessages(messages: readonly Message[]): void {
    for (const m of messages) this.noteSeq(m.conversationId, m.seq, false);
  }

  // ---- Counts read over REST ----------------------------------------------------------------

  /** A count read over REST, unless an event newer than the request already set it. */
  setUnreadFrom(since: number, conversationId: string, count: number): void {
    if ((this.unreadEventEpoch.get(conversationId) ?? 0) > since) return;
    const previous = this.unreadCount(conversationId);
    this.unread.set(conversationId, count);
    if (previous !== count) this.emit({ type: 'unread', conversationId, unreadCount: count });
  }

  setNotificationsUnreadFrom(since: number, count: number): void {
    if (this.notificationsEventEpoch > since) return;
    const previous = this.notificationsUnreadValue;
    this.notificationsUnreadValue = count;
    if (previous !== count) this.emit({ type: 'notifications.unread', unread: count });
  }

  noteConversations(since: number, conversations: readonly { conversationId: string; unreadCount: number; lastMessageSeq: number }[]): void {
    for (const c of conversations) {
      this.setUnreadFrom(since, c.conversationId, c.unreadCount);
      // A conversation known only from a list: resume it from there. Others keep the cursor of
      // what the client actually saw, so that a resume never skips a message it did not get.
      if (c.lastMessageSeq > 0 && !this.cursors.has(c.conversationId) && !this.resumeRaises?.has(c.conversationId)) {
        this.raiseCursor(c.conversationId, c.lastMessageSeq);
      }
    }
  }

  /** Every unread conversation was listed at `since`: the others known to have unread messages are read now. */
  noteAllUnreadListed(since: number, listed: ReadonlySet<string>): void {
    for (const [conversationId, count] of this.unread) if (count > 0 && !listed.has(conversationId)) this.setUnreadFrom(since, conversationId, 0);
  }
}

/** Adds `id` to a bounded set; false if it was there already. */
function remember(set: Set<string>, id: string): boolean {
  if (set.has(id)) return false;
  set.add(id);
  if (set.size > seenLimit) set.delete(set.values().next().value as string);
  return true;
}
