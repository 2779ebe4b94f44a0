import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParleyClient } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { fetchUnreadCount } from './api.ts';

/** Items marked read somewhere in the app: some by id, or all of them. */
export type ReadMark = { all: true } | { logIds: string[] };

/**
 * The unread count as the bell and the notification center show it, and the read marks they
 * share, so that each shows what the other marked. The client keeps the count itself (from
 * live events, every answer that carries it, and a refresh on each reconnect); this only
 * says when it is first known.
 */
class NotificationStore {
  unread: number | null = null;
  private readonly countListeners = new Set<(unread: number | null) => void>();
  private readonly markListeners = new Set<(mark: ReadMark) => void>();

  constructor(private readonly client: ParleyClient) {
    const sync = () => this.setUnread(client.notificationsUnread);
    client.on('notification.created', sync);
    client.on('notifications.unread', (event) => {
      sync();
      // Everything was read, perhaps in another tab.
      if (event.unread === 0) this.emitMark({ all: true });
    });
    fetchUnreadCount(client).then(sync, () => {});
  }

  private setUnread(unread: number): void {
    this.unread = Math.max(0, unread);
    for (const listener of this.countListeners) listener(this.unread);
  }

  /** Tells every view that these items are read now. */
  markedRead(mark: ReadMark): void {
    this.setUnread(this.client.notificationsUnread);
    this.emitMark(mark);
  }

  private emitMark(mark: ReadMark): void {
    for (const listener of this.markListeners) listener(mark);
  }

  onCount(listener: (unread: number | null) => void): () => void {
    this.countListeners.add(listener);
    return () => this.countListeners.delete(listener);
  }

  onMark(listener: (mark: ReadMark) => void): () => void {
    this.markListeners.add(listener);
    return () => this.markListeners.delete(listener);
  }
}

const stores = new WeakMap<ParleyClient, NotificationStore>();

export function useNotificationStore(): NotificationStore {
  const client = useClient();
  let store = stores.get(client);
  if (!store) stores.set(client, (store = new NotificationStore(client)));
  return store;
}

/** The unread count (null until known), re-rendering as it changes. */
export function useUnreadCount(): number | null {
  const store = useNotificationStore();
  const [unread, setUnread] = useState(store.unread);
  useEffect(() => {
    setUnread(store.unread);
    return store.onCount(setUnread);
  }, [store]);
  return unread;
}

/** Calls the handler whenever items are marked read, here or in another view. */
export function useReadMarks(handler: (mark: ReadMark) => void): void {
  const store = useNotificationStore();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => store.onMark((mark) => latest.current(mark)), [store]);
}

/** Applies a read mark to a list of items. */
export function applyMark<T extends { logId: string; readAt?: string | null; seenAt?: string | null }>(items: T[], mark: ReadMark): T[] {
  const now = new Date().toISOString();
  const ids = 'all' in mark ? null : new Set(mark.logIds);
  return items.map((item) => (item.readAt || (ids && !ids.has(item.logId)) ? item : { ...item, readAt: now, seenAt: item.seenAt ?? now }));
}
