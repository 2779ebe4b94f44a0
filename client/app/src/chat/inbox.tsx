import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useClient, useEvent } from '../context.tsx';
import { onLinkClick } from '../router.ts';
import { ErrorNote, Link, Loading, Time } from '../ui.tsx';
import { type ChatApi, type Conversation, chatApi, type InboxConversation, type Message, type OrderConversation } from './api.ts';
import './chat.css';
import { focusMessageOnOpen, OrderConversationView } from './conversation.tsx';
import { orderMessageTypes } from './entries.ts';
import { conversationTitle, disputeUnresolved, kindLabel, orderStatusLabel, others, previewOf, statusTone } from './format.ts';
import { t } from '../i18n.ts';

type Filter = 'all' | 'orders' | 'inquiries' | 'disputes' | 'unread';

interface Row {
  conversation: InboxConversation;
  order?: OrderConversation;
}

const filters: { id: Filter; test: (r: Row) => boolean }[] = [
  { id: 'all', test: () => true },
  { id: 'orders', test: (r) => r.conversation.conversationType === 'order' },
  { id: 'inquiries', test: (r) => r.conversation.conversationType === 'product_inquiry' },
  { id: 'disputes', test: (r) => r.conversation.conversationType === 'dispute' || Boolean(r.order?.dispute) },
  { id: 'unread', test: (r) => r.conversation.unreadCount > 0 },
];

const activity = (c: InboxConversation) => c.lastMessageAt ?? c.createdAt;
const byActivity = (a: Row, b: Row) => (activity(a.conversation) < activity(b.conversation) ? 1 : activity(a.conversation) > activity(b.conversation) ? -1 : 0);

/**
 * The unified inbox: every conversation of the user (orders, inquiries, disputes) with its
 * latest message and unread count, kept live; the open conversation beside it on wide
 * screens, instead of it on phones.
 */
export function InboxPage({ conversationId }: { conversationId?: string }) {
  const client = useClient();
  const api = useMemo(() => chatApi(client), [client]);
  const me = client.user.userId;
  // The client keeps counts for the conversations its user takes part in (not an operator's list).
  const inbox = useInbox(api, me, (c) => (client.user.role === 'operator' ? c.unreadCount : client.unreadCount(c.conversationId)));
  const [filter, setFilter] = useState<Filter>('all');
  const [jumps, setJumps] = useState(0);

  const rows = inbox.rows ?? [];
  const unreadTotal = rows.reduce((n, r) => n + r.conversation.unreadCount, 0);
  const shown = rows.filter(filters.find((f) => f.id === filter)!.test);

  return (
    <div class={`inbox${conversationId ? ' has-open' : ''}`}>
      <section class="inbox-list" aria-labelledby="inbox-title">
        <div class="inbox-list-head">
          <h1 id="inbox-title">{client.user.role === 'operator' ? t('inbox.allConversations') : t('inbox.title')}</h1>
          {client.user.role === 'operator' ? (
            <Link href="/start" class="button-link">
              {t('inbox.start')}
            </Link>
          ) : client.user.role === 'buyer' ? (
            <Link href="/ask" class="button-link">
              {t('inbox.ask')}
            </Link>
          ) : null}
          <p class="muted small" aria-live="polite">
            {inbox.rows ? (unreadTotal ? t('inbox.unread', { count: unreadTotal }) : t('inbox.caughtUp')) : ''}
          </p>
        </div>
        <Search
          api={api}
          me={me}
          rows={rows}
          onOpen={(m) => {
            focusMessageOnOpen(m.messageId);
            setJumps((n) => n + 1);
          }}
        >
          <div class="filters" role="group" aria-label={t('inbox.show')}>
            {filters.map((f) => {
              const count = f.id === 'all' ? 0 : rows.filter(f.test).length;
              return (
                <button key={f.id} type="button" class="filter" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
                  {t(`inbox.filter.${f.id}`)}
                  {count ? <span class="filter-count"> {count}</span> : null}
                </button>
              );
            })}
          </div>
          <ErrorNote error={inbox.error} />
          {!inbox.rows ? (
            inbox.error ? null : <Loading what={t('inbox.loading')} />
          ) : shown.length === 0 ? (
            <p class="muted inbox-empty-note">
              {rows.length === 0
                ? t('inbox.none')
                : t(`inbox.empty.${filter}`)}
            </p>
          ) : (
            <ul class="conversation-list">
              {shown.map((r) => (
                <ConversationRow key={r.conversation.conversationId} row={r} preview={inbox.previews[r.conversation.conversationId]} me={me} open={r.conversation.conversationId === conversationId} />
              ))}
            </ul>
          )}
          {inbox.more ? (
            <button type="button" class="secondary load-more" onClick={inbox.loadMore}>
              {t('inbox.older')}
            </button>
          ) : null}
        </Search>
      </section>
      <div class="inbox-pane">
        {conversationId ? (
          <OrderConversationView key={`${conversationId}:${jumps}`} conversationId={conversationId} />
        ) : (
          <div class="inbox-placeholder">
            <p class="muted">{t('inbox.choose')}</p>
          </div>
        )}
      </div>
    </div>
  );
}

/** The user's conversations, their order state and latest message, following live events. */
/**
 * `unreadOf` is the client's count for a conversation: a list answer's count can be older than a
 * read mark made while it was on its way (a conversation opened by a link marks itself read as
 * the inbox loads), and the client keeps whichever is newer.
 */
function useInbox(api: ChatApi, me: string, unreadOf: (listed: InboxConversation) => number) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [previews, setPreviews] = useState<Record<string, Message | null>>({});
  const [error, setError] = useState<Error | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const orders = useRef(new Map<string, OrderConversation>());

  const loadOrders = useCallback(async () => {
    // Buyers and sellers have orders; anyone else simply has none.
    const answer = await api.myOrders().catch(() => ({ conversations: [] as OrderConversation[] }));
    orders.current = new Map(answer.conversations.map((o) => [o.conversationId, o]));
  }, [api]);

  const load = useCallback(async () => {
    try {
      const [list] = await Promise.all([api.conversations(), loadOrders()]);
      setRows(list.conversations.map((c) => ({ conversation: { ...c, unreadCount: unreadOf(c) }, order: orders.current.get(c.conversationId) })).sort(byActivity));
      setNext(list.nextCursor);
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, loadOrders]);

  const loadMore = useCallback(async () => {
    if (!next) return;
    try {
      const list = await api.conversations(next);
      setRows((current) => {
        const known = new Set((current ?? []).map((r) => r.conversation.conversationId));
        const added = list.conversations
          .filter((c) => !known.has(c.conversationId))
          .map((c) => ({ conversation: { ...c, unreadCount: unreadOf(c) }, order: orders.current.get(c.conversationId) }));
        return [...(current ?? []), ...added];
      });
      setNext(list.nextCursor);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, next]);

  useEffect(() => void load(), [load]);

  const timers = useRef<Record<string, ReturnType<typeof setTimeout>>>({});
  const soon = (name: string, run: () => void) => {
    clearTimeout(timers.current[name]);
    timers.current[name] = setTimeout(run, 250);
  };
  useEffect(() => () => Object.values(timers.current).forEach(clearTimeout), []);
  const reload = () => soon('reload', () => void load());
  const reloadOrders = () =>
    soon('orders', () =>
      void loadOrders().then(() => setRows((current) => current && current.map((r) => ({ ...r, order: orders.current.get(r.conversation.conversationId) })))),
    );

  // Each conversation comes with its latest message as this user sees it; live events keep it current.
  useEffect(() => {
    if (!rows) return;
    setPreviews((p) => {
      let next = p;
      for (const { conversation: c } of rows) {
        const latest = c.lastMessage;
        const shown = next[c.conversationId];
        if (latest && !(shown && shown.seq >= latest.seq)) next = { ...next, [c.conversationId]: latest };
      }
      return next;
    });
  }, [rows]);

  /** Changes a listed conversation; one not listed yet is fetched with the list (`orReload`). */
  const update = (id: string, change: (c: InboxConversation) => InboxConversation, orReload = true) => {
    if (!rowsRef.current?.some((r) => r.conversation.conversationId === id)) return orReload ? reload() : undefined;
    setRows((current) => current && current.map((r) => (r.conversation.conversationId === id ? { ...r, conversation: change(r.conversation) } : r)).sort(byActivity));
  };

  useEvent('message.created', (e) => {
    const m = e.message as Message;
    setPreviews((p) => ({ ...p, [m.conversationId]: m }));
    update(m.conversationId, (c) => ({ ...c, lastMessageAt: m.timestamp, lastMessageSeq: Math.max(c.lastMessageSeq, m.seq) }));
    if (orderMessageTypes.has(m.messageType)) reloadOrders();
  });
  const replaced = (e: { message: Message }) => setPreviews((p) => (p[e.message.conversationId]?.messageId === e.message.messageId ? { ...p, [e.message.conversationId]: e.message } : p));
  useEvent('message.updated', (e) => replaced(e as unknown as { message: Message }));
  useEvent('message.deleted', (e) => replaced(e as unknown as { message: Message }));
  // A count for a conversation beyond the listed page (the client re-reads counts on connecting)
  // changes nothing shown; a new message in one is a message.created, which does reload.
  useEvent('unread', (e) => update(e.conversationId, (c) => ({ ...c, unreadCount: e.unreadCount }), false));
  useEvent('conversation.created', reload);
  useEvent('participant.added', (e) => e.participant?.userId === me && reload());
  // After a reconnect the list may be behind (the first connection follows the first load).
  const lastState = useRef<string>('');
  useEvent('connection', (e) => {
    if (e.state === 'open' && lastState.current === 'reconnecting' && rowsRef.current) reload();
    lastState.current = e.state;
  });

  return { rows, previews, error, more: next !== null, loadMore };
}

function ConversationRow({ row, preview, me, open }: { row: Row; preview: Message | null | undefined; me: string; open: boolean }) {
  const c = row.conversation;
  const order = row.order?.order;
  const dispute = row.order?.dispute;
  const path = `/c/${c.conversationId}`;
  return (
    <li>
      <a href={`/app${path}`} onClick={(e) => onLinkClick(e, path)} class={`conversation-row${c.unreadCount ? ' unread' : ''}`} aria-current={open ? 'page' : undefined}>
        <span class="row-top">
          <span class="row-title">{conversationTitle(c, me)}</span>
          <span class="row-time">
            <Time iso={activity(c)} />
          </span>
        </span>
        <span class="row-meta">
          <span class="pill">{kindLabel(c.conversationType)}</span>
          {order ? <span class={`pill ${statusTone(order.status)}`}>{orderStatusLabel(order.status)}</span> : null}
          {dispute && disputeUnresolved(dispute.status) && order?.status !== 'disputed' ? <span class="pill danger">{t('chat.kind.dispute')}</span> : null}
          <span class="row-people">{others(c, me).join(', ')}</span>
        </span>
        <span class="row-bottom">
          <span class="row-preview">{preview ? previewOf(preview, c, me) : c.lastMessageSeq ? ' ' : t('inbox.noMessages')}</span>
          {c.unreadCount ? (
            <span class="badge">
              {c.unreadCount > 99 ? '99+' : c.unreadCount}
              <span class="visually-hidden"> {t('inbox.unreadSuffix')}</span>
            </span>
          ) : null}
        </span>
      </a>
    </li>
  );
}

interface SearchProps {
  api: ChatApi;
  me: string;
  rows: Row[];
  onOpen: (m: Message) => void;
  /** What shows while no search is active: the conversation list. */
  children: ComponentChildren;
}

/** Searching messages: every word must match; results open their conversation at the message. */
function Search({ api, me, rows, onOpen, children }: SearchProps) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [results, setResults] = useState<Message[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const generation = useRef(0);

  const clear = () => {
    generation.current++;
    setQuery('');
    setSearched(null);
    setResults(null);
    setError(null);
  };

  const run = async (e: Event) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return clear();
    const mine = ++generation.current;
    setSearched(q);
    setResults(null);
    setError(null);
    try {
      const answer = await api.search(q);
      if (mine === generation.current) setResults(answer.messages);
    } catch (err) {
      if (mine === generation.current) setError(err as Error);
    }
  };

  const byId = new Map(rows.map((r) => [r.conversation.conversationId, r.conversation]));
  return (
    <>
      <form role="search" class="inbox-search" onSubmit={run}>
        <label for="inbox-search-input" class="visually-hidden">
          {t('inbox.search.label')}
        </label>
        <input
          type="search"
          id="inbox-search-input"
          placeholder={t('inbox.search.label')}
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            if (e.currentTarget.value === '' && searched !== null) clear();
          }}
        />
        <button type="submit" class="secondary">
          {t('inbox.search.submit')}
        </button>
      </form>
      {searched === null ? (
        children
      ) : (
        <section class="search-results" aria-labelledby="search-title">
          <div class="search-head">
            <h2 id="search-title">{t('inbox.search.results')}</h2>
            <button type="button" class="link-button" onClick={clear}>
              {t('inbox.search.clear')}
            </button>
          </div>
          <p class="muted small" aria-live="polite">
            {error ? '' : results === null ? t('inbox.search.searching') : t('inbox.search.matches', { count: results.length, query: searched })}
          </p>
          <ErrorNote error={error} />
          {results?.length ? (
            <ul class="conversation-list">
              {results.map((m) => {
                const c = byId.get(m.conversationId);
                const path = `/c/${m.conversationId}`;
                return (
                  <li key={m.messageId}>
                    <a
                      href={`/app${path}`}
                      class="conversation-row"
                      onClick={(e) => {
                        onOpen(m);
                        onLinkClick(e, path);
                      }}
                    >
                      <span class="row-top">
                        <span class="row-title">{c ? conversationTitle(c, me) : t('chat.conversation')}</span>
                        <span class="row-time">
                          <Time iso={m.timestamp} />
                        </span>
                      </span>
                      <span class="row-snippet">
                        <Highlighted text={previewOf(m, c, me)} query={searched} />
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {results && results.length === 0 ? <p class="muted small">{t('inbox.search.hint')}</p> : null}
        </section>
      )}
    </>
  );
}

/** Marks the query's words in a result (whole words, any case). */
function Highlighted({ text, query }: { text: string; query: string }) {
  const words = query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const parts = text.split(pattern);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
