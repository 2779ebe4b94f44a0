import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient, useEvent } from '../context.tsx';
import { useRoute } from '../router.ts';
import { ErrorNote, Link, Loading } from '../ui.tsx';
import { t } from '../i18n.ts';
import { type FeedItem, listFeed, markRead, markSeen } from './api.ts';
import { ItemImage, ItemText, actionHref, prepend, useOpenNotification } from './item.tsx';
import './notifications.css';
import { applyMark, useNotificationStore, useReadMarks, useUnreadCount } from './store.ts';

const PANEL_SIZE = 8;

function unreadPhrase(unread: number | null): string {
  if (unread === null) return '';
  return unread === 0 ? t('notifications.noUnreadShort') : t('notifications.unreadShort', { count: unread });
}

/** The bell in the top bar: the live unread count, and a panel with the latest notifications. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [top, setTop] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const path = useRoute();

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  useEffect(() => setOpen(false), [path]);

  useEffect(() => {
    if (!open) return;
    // By the event's path, not its target: inside a shadow root (the elements) the document
    // sees the host element as the target of every press inside it.
    const outside = (event: PointerEvent) => {
      if (!wrapper.current || !event.composedPath().includes(wrapper.current)) setOpen(false);
    };
    // On the document, so that Escape works wherever focus is while the panel is open.
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close(true);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const phrase = unreadPhrase(unread);
  return (
    <div
      class="bell"
      ref={wrapper}
      onFocusOut={(e) => {
        // Tabbing out of the panel closes it; clicks on its plain text keep it open.
        const next = e.relatedTarget as Node | null;
        if (open && next && !wrapper.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="bell-button"
        aria-label={phrase ? t('notifications.bellLabel', { phrase }) : t('notifications.title')}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => {
          // On a phone the panel spans the screen just below the bell, wherever the top bar wrapped it.
          setTop(button.current?.getBoundingClientRect().bottom ?? 0);
          setOpen(!open);
        }}
      >
        <BellIcon />
        {unread ? (
          <span class="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">
        {unread === null ? '' : unread === 0 ? t('notifications.noUnread') : t('notifications.unread', { count: unread })}
      </span>
      {open ? <Panel onClose={close} top={top} /> : null}
    </div>
  );
}

function Panel({ onClose, top }: { onClose: (returnFocus: boolean) => void; top: number }) {
  const client = useClient();
  const store = useNotificationStore();
  const unread = useUnreadCount();
  const open = useOpenNotification();
  const panel = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<FeedItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    panel.current?.focus();
    let live = true;
    listFeed(client, { limit: PANEL_SIZE }).then(
      (page) => {
        if (!live) return;
        setItems(page.notifications);
        markSeen(client, page.notifications.filter((n) => !n.seenAt).map((n) => n.logId)).catch(() => {});
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [client]);

  useEvent('notification.created', (event) => {
    const item = event.notification as FeedItem | undefined;
    if (!item?.logId) return;
    setItems((list) => (list ? prepend(list, item).slice(0, PANEL_SIZE) : list));
    markSeen(client, [item.logId]).catch(() => {});
  });
  useReadMarks((mark) => setItems((list) => (list ? applyMark(list, mark) : list)));

  const markAll = async () => {
    if (busy || !unread) return;
    setBusy(true);
    setError(null);
    try {
      await markRead(client);
      store.markedRead({ all: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const select = (item: FeedItem) => async (event: MouseEvent) => {
    setError(null);
    try {
      await open(item, event);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div id="notification-panel" class="bell-panel" role="dialog" aria-labelledby="notification-panel-title" tabIndex={-1} ref={panel} style={{ '--bell-top': `${Math.round(top + 8)}px` }}>
      <div class="bell-panel-head">
        <h2 id="notification-panel-title">{t('notifications.title')}</h2>
        <button type="button" class="secondary notif-small" onClick={markAll} aria-disabled={busy || !unread}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      <ErrorNote error={error} />
      {items === null && !error ? <Loading what={t('notifications.loading')} /> : null}
      {items && items.length === 0 ? <p class="bell-empty muted">{t('notifications.none')}</p> : null}
      {items && items.length > 0 ? (
        <ul class="bell-list">
          {items.map((item) => {
            const href = actionHref(item);
            const content = (
              <>
                <ItemImage item={item} />
                <span class="notif-text">
                  <ItemText item={item} />
                </span>
              </>
            );
            return (
              <li key={item.logId} class={item.readAt ? 'notif' : 'notif unread'}>
                {href ? (
                  <a class="notif-open" href={href} onClick={select(item)}>
                    {content}
                  </a>
                ) : (
                  <button type="button" class="notif-open" onClick={select(item)}>
                    {content}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div class="bell-panel-foot">
        <Link href="/notifications">{t('notifications.all')}</Link>
        <button type="button" class="link-button" onClick={() => onClose(true)}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

function BellIcon() {
  return (
    <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z"
      />
    </svg>
  );
}
