import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient, useEvent } from '../context.tsx';
import { ErrorNote, Loading } from '../ui.tsx';
import { t } from '../i18n.ts';
import { type FeedItem, listFeed, markRead, markSeen, recordOpened } from './api.ts';
import { ItemImage, ItemText, actionHref, prepend, useOpenNotification } from './item.tsx';
import './notifications.css';
import { applyMark, useNotificationStore, useReadMarks, useUnreadCount } from './store.ts';

const PAGE_SIZE = 20;

const actionLabel = (item: FeedItem) => t(`notifications.action.${item.action?.type ?? 'custom'}`, { defaultValue: t('notifications.action.custom') });

/** The whole feed, newest first, a page at a time; new notifications appear at the top as they arrive. */
export function NotificationCenter() {
  const client = useClient();
  const store = useNotificationStore();
  const unread = useUnreadCount();
  const open = useOpenNotification();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<FeedItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const generation = useRef(0);
  /** Items reported opened from this page, so that each is reported once. */
  const reported = useRef(new Set<string>());

  /** The centre shows these items: the ones not opened before are opened now. */
  const opened = (shown: FeedItem[]) => {
    const fresh = shown.filter((n) => !n.openedAt && !reported.current.has(n.logId)).map((n) => n.logId);
    for (const id of fresh) reported.current.add(id);
    if (fresh.length) recordOpened(client, fresh).catch(() => {});
  };

  const loadPage = async (after: string | null) => {
    const mine = generation.current;
    const page = await listFeed(client, { unread: unreadOnly, cursor: after ?? undefined, limit: PAGE_SIZE });
    if (mine !== generation.current) return;
    setItems((list) => (after && list ? [...list, ...page.notifications.filter((n) => !list.some((x) => x.logId === n.logId))] : page.notifications));
    setCursor(page.nextCursor);
    markSeen(client, page.notifications.filter((n) => !n.seenAt).map((n) => n.logId)).catch(() => {});
    opened(page.notifications);
  };

  useEffect(() => {
    generation.current++;
    setItems(null);
    setCursor(null);
    setError(null);
    loadPage(null).catch(setError);
  }, [client, unreadOnly]);

  useEvent('notification.created', (event) => {
    const item = event.notification as FeedItem | undefined;
    if (!item?.logId) return;
    setItems((list) => (list ? prepend(list, item) : list));
    markSeen(client, [item.logId]).catch(() => {});
    opened([item]);
  });
  useReadMarks((mark) => setItems((list) => (list ? applyMark(list, mark) : list)));

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const markAll = () =>
    busy || !unread
      ? undefined
      : run('all', async () => {
          await markRead(client);
          store.markedRead({ all: true });
        });
  const markOne = (item: FeedItem) =>
    run(item.logId, async () => {
      await markRead(client, [item.logId]);
      store.markedRead({ logIds: [item.logId] });
      // The button goes away with the mark; focus stays on the item rather than falling to the page.
      document.getElementById(`notif-${item.logId}`)?.focus();
    });
  const more = async () => {
    setLoadingMore(true);
    setError(null);
    try {
      await loadPage(cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section class="page notif-center" aria-labelledby="notif-center-title">
      <div class="notif-center-head">
        <div>
          <h1 id="notif-center-title">{t('notifications.title')}</h1>
          <p class="muted">{unread === null ? '' : unread === 0 ? t('notifications.caughtUp') : t('notifications.unreadShort', { count: unread })}</p>
        </div>
        <div class="notif-center-tools">
          <label class="inline">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
            {t('notifications.unreadOnly')}
          </label>
          <button type="button" class="secondary" onClick={markAll} aria-disabled={busy !== null || !unread}>
            {t('notifications.markAllRead')}
          </button>
        </div>
      </div>
      <ErrorNote error={error} />
      {items === null && !error ? <Loading what={t('notifications.loading')} /> : null}
      {items && items.length === 0 ? (
        <div class="card notif-empty">
          <p>{unreadOnly ? t('notifications.noneUnread') : t('notifications.noneYet')}</p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul class="notif-list">
          {items.map((item) => {
            const href = actionHref(item);
            return (
              <li key={item.logId} id={`notif-${item.logId}`} tabIndex={-1} class={item.readAt ? 'notif card' : 'notif card unread'}>
                <ItemImage item={item} />
                <p class="notif-text">
                  <ItemText item={item} />
                </p>
                <div class="notif-actions">
                  {href ? (
                    <a class="button-link" href={href} aria-label={`${actionLabel(item)}: ${item.title}`} onClick={(e) => open(item, e).catch(setError)}>
                      {actionLabel(item)}
                    </a>
                  ) : null}
                  {item.readAt ? null : (
                    <button type="button" class="secondary notif-small" aria-label={t('notifications.markReadLabel', { title: item.title })} onClick={() => markOne(item)} disabled={busy === item.logId}>
                      {t('notifications.markRead')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {cursor ? (
        <p class="notif-more">
          <button type="button" class="secondary" onClick={more} disabled={loadingMore}>
            {loadingMore ? `${t('app.loading')}…` : t('notifications.older')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
