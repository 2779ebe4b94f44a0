import { useClient } from '../context.tsx';
import { navigate } from '../router.ts';
import { Time } from '../ui.tsx';
import { t } from '../i18n.ts';
import { type FeedItem, recordClick } from './api.ts';
import { typeName } from './labels.ts';
import { useNotificationStore } from './store.ts';

/** The app path of a URL that points into this app (/app/...), or null for any other URL. */
export function appPath(url: string): string | null {
  try {
    const u = new URL(url, location.href);
    if (u.origin !== location.origin || !(u.pathname === '/app' || u.pathname.startsWith('/app/'))) return null;
    return (u.pathname.slice('/app'.length) || '/') + u.search + u.hash;
  } catch {
    return null;
  }
}

/** The href a notification's action leads to: in-app links keep the page's origin. */
export function actionHref(item: FeedItem): string | undefined {
  const url = item.action?.url;
  if (!url) return undefined;
  const path = appPath(url);
  return path ? `/app${path}` : url;
}

const modified = (e: MouseEvent) => e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;

/**
 * Opening a notification: the click is recorded (which also marks it read), then its action is
 * followed, inside the app without a page load, or to the outside address as a normal link.
 * Without an action, recording is all there is, and its failure is the caller's to show.
 */
export function useOpenNotification(): (item: FeedItem, event: MouseEvent) => Promise<void> {
  const client = useClient();
  const store = useNotificationStore();
  return async (item, event) => {
    const record = () => recordClick(client, item.logId).then(() => store.markedRead({ logIds: [item.logId] }));
    const url = item.action?.url;
    if (url && modified(event)) {
      // A new tab opens it; this page only records the click.
      record().catch(() => {});
      return;
    }
    event.preventDefault();
    if (!url) return record();
    // Following the link matters more than the record of it.
    await record().catch(() => {});
    const path = appPath(url);
    if (path) navigate(path);
    else location.assign(url);
  };
}

/** Title, body, time, type and the unread marker; phrasing content, so it fits inside a link or button. */
export function ItemText({ item }: { item: FeedItem }) {
  const unread = !item.readAt;
  return (
    <>
      <span class="notif-head">
        {unread ? <span class="notif-dot" aria-hidden="true" /> : null}
        {unread ? <span class="visually-hidden">{t('notifications.unreadMark')} </span> : null}
        <span class="notif-title">{item.title || typeName(item.notificationType)}</span>
      </span>
      {item.body ? <span class="notif-body">{item.body}</span> : null}
      <span class="notif-meta">
        <Time iso={item.createdAt} />
        <span aria-hidden="true"> · </span>
        <span>{typeName(item.notificationType)}</span>
      </span>
    </>
  );
}

export function ItemImage({ item }: { item: FeedItem }) {
  if (!item.imageUrl) return null;
  return <img class="notif-image" src={item.imageUrl} alt="" loading="lazy" width={48} height={48} />;
}

/** Adds live items at the top, once each. */
export function prepend(items: FeedItem[], item: FeedItem): FeedItem[] {
  return items.some((x) => x.logId === item.logId) ? items : [{ ...item, seenAt: item.seenAt ?? null, readAt: item.readAt ?? null }, ...items];
}
