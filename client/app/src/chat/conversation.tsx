import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ParleyEvent } from '../../../sdk/index.ts';
import { useClient, useEvent } from '../context.tsx';
import { ErrorNote, Link, Loading } from '../ui.tsx';
import { t } from '../i18n.ts';
import { type Conversation, chatApi, type Dispute, type Message, type OrderConversation, type OutgoingMessage } from './api.ts';
import './chat.css';
import { Composer, useComposer } from './composer.tsx';
import { type Entry, highestSeq, mergeEntries, messageEntry, orderMessageTypes, timelineEntry } from './entries.ts';
import { disputeUnresolved, nameOf, newClientMessageId, previewOf } from './format.ts';
import { ConversationHeader, EscalateForm, findOrder } from './header.tsx';
import { QuickReplyPanel, useSellerReplies } from './quick-replies.tsx';
import { useStickyScroll } from './scroll.ts';
import { type Pending, Timeline } from './timeline.tsx';

const pageSize = 50;
/** How long "X is typing…" stays after their last keystroke signal. */
const typingShownMs = 5_000;
/** The server drops typing signals closer together than its throttle (2 s by default). */
const typingEveryMs = 2_000;

/** Set by a search result: the message to bring into view when its conversation opens. */
let focusRequest: string | null = null;
export function focusMessageOnOpen(messageId: string): void {
  focusRequest = messageId;
}

/** The kind of each conversation this page has opened ('order', 'product_inquiry'…): which page to ask for with it. */
const conversationKinds = new Map<string, string>();

/** Older items to page back to: a timeline cursor, or the sequence number to read before. */
type Older = { cursor: string } | { before: number } | null;

/**
 * One conversation: its order (or product) and people, the timeline with order events inline,
 * read receipts, typing, attachments, and the composer (with quick replies for sellers).
 */
export function OrderConversationView({ conversationId }: { conversationId: string }) {
  const client = useClient();
  const api = useMemo(() => chatApi(client), [client]);
  const me = client.user.userId;

  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [older, setOlder] = useState<Older>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [olderError, setOlderError] = useState<Error | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [pending, setPending] = useState<Pending[]>([]);
  const [typing, setTyping] = useState<Record<string, number>>({});
  const [order, setOrder] = useState<OrderConversation | null>(null);
  /** The conversation's disputes; null until read (no "Open a dispute" before it is known whether one is open). */
  const [disputes, setDisputes] = useState<Dispute[] | null>(null);
  const [escalating, setEscalating] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [highlight, setHighlight] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(() => window.matchMedia('(min-width: 1100px)').matches);

  const myRole = conversation?.participants.find((p) => p.userId === me)?.role;
  const isOrder = conversation?.conversationType === 'order';
  const isSeller = myRole === 'seller' && client.user.role === 'seller';
  const replies = useSellerReplies(api, conversationId, isSeller);
  const composer = useComposer();

  const maxSeq = useRef(0);
  /** The client holds a resume cursor for this conversation (it noted a seq the first load saw). */
  const resumable = useRef(false);
  const readUpTo = useRef(0);
  const lastTypingSent = useRef(0);
  const loaded = conversation !== null;

  const flushRead = useCallback(() => {
    if (document.visibilityState !== 'visible' || maxSeq.current <= readUpTo.current) return;
    const seq = maxSeq.current;
    const before = readUpTo.current;
    readUpTo.current = seq;
    api.markRead(conversationId, seq).catch(() => {
      readUpTo.current = before;
    });
  }, [api, conversationId]);

  useEffect(() => {
    document.addEventListener('visibilitychange', flushRead);
    window.addEventListener('focus', flushRead);
    return () => {
      document.removeEventListener('visibilitychange', flushRead);
      window.removeEventListener('focus', flushRead);
    };
  }, [flushRead]);

  // The order id is known once the conversation has loaded; order events only come after that.
  const orderId = useRef<string | null>(null);
  const refreshOrder = useCallback(() => {
    if (orderId.current) findOrder(api, conversationId, orderId.current).then(setOrder, () => {});
    api.disputes(conversationId).then((r) => setDisputes(r.disputes), () => {});
  }, [api, conversationId]);

  // First load: the conversation and its newest page together. An order conversation's page is
  // its order timeline, any other's its messages; which one is asked for at once is a guess (an
  // order, unless this page has seen the conversation), and a wrong guess asks again.
  useEffect(() => {
    let live = true;
    const orderTimeline = () => api.timeline(conversationId, { limit: pageSize });
    const messages = () => api.messages(conversationId, { limit: pageSize });
    const likelyOrder = (conversationKinds.get(conversationId) ?? 'order') === 'order';
    const early = likelyOrder ? { order: orderTimeline(), other: undefined } : { order: undefined, other: messages() };
    // Left unanswered when the conversation cannot be read, or is of the other kind.
    early.order?.catch(() => {});
    early.other?.catch(() => {});
    (async () => {
      const c = await api.conversation(conversationId);
      conversationKinds.set(conversationId, c.conversationType);
      let first: Entry[];
      let next: Older;
      if (c.conversationType === 'order') {
        const page = await (early.order ?? orderTimeline());
        first = page.items.map(timelineEntry);
        next = page.olderCursor ? { cursor: page.olderCursor } : null;
      } else {
        const page = await (early.other ?? messages());
        first = page.messages.map(messageEntry);
        next = page.hasMore && page.messages[0] ? { before: page.messages[0].seq } : null;
      }
      if (!live) return;
      maxSeq.current = highestSeq(first, Math.max(c.lastMessageSeq, maxSeq.current));
      readUpTo.current = c.participants.find((p) => p.userId === me)?.lastReadSeq ?? maxSeq.current;
      resumable.current = first.some((e) => e.kind === 'message') || (c.lastMessageSeq > 0 && c.participants.some((p) => p.userId === me));
      // The page in order, then any live entry that came meanwhile (a newer copy of a message wins).
      setEntries((current) => mergeEntries(mergeEntries([], first), current));
      setOlder(next);
      setConversation(c);
      orderId.current = c.orderId;
      if (c.conversationType === 'order') refreshOrder();
      flushRead();
    })().catch((e: Error) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [api, conversationId, me, refreshOrder, flushRead]);

  // Live events of this conversation.
  const inThis = (e: ParleyEvent) => e.conversationId === conversationId || e.message?.conversationId === conversationId;

  useEvent('message.created', (e) => {
    if (!inThis(e)) return;
    const m = e.message as Message;
    setEntries((list) => mergeEntries(list, [messageEntry(m)]));
    if (m.seq > maxSeq.current) maxSeq.current = m.seq;
    if (m.senderId === me) {
      if (m.clientMessageId) setPending((list) => list.filter((p) => p.clientMessageId !== m.clientMessageId));
      return;
    }
    setTyping((t) => (t[m.senderId] ? omit(t, m.senderId) : t));
    setAnnouncement(t('conversation.newMessage', { preview: previewOf(m, conversation ?? undefined, me) }));
    flushRead();
    if (orderMessageTypes.has(m.messageType)) {
      refreshOrder();
      replies.reloadTemplates();
    }
    if (conversation?.participants.some((p) => p.userId === m.senderId && p.role === 'buyer')) replies.reloadSuggestions();
  });
  const replaced = (e: ParleyEvent) => inThis(e) && setEntries((list) => mergeEntries(list, [messageEntry(e.message as Message)]));
  useEvent('message.updated', replaced);
  useEvent('message.deleted', replaced);
  useEvent('receipt', (e) => {
    if (!inThis(e)) return;
    setConversation((c) =>
      c && {
        ...c,
        participants: c.participants.map((p) =>
          p.userId === e.userId ? { ...p, lastReadSeq: Math.max(p.lastReadSeq, e.lastReadSeq), lastDeliveredSeq: Math.max(p.lastDeliveredSeq, e.lastDeliveredSeq) } : p,
        ),
      },
    );
  });
  useEvent('typing', (e) => {
    if (inThis(e) && e.userId !== me) setTyping((t) => ({ ...t, [e.userId]: Date.now() + typingShownMs }));
  });
  useEvent('presence', (e) => {
    setConversation((c) => c && (c.participants.some((p) => p.userId === e.userId) ? { ...c, participants: c.participants.map((p) => (p.userId === e.userId ? { ...p, online: e.online } : p)) } : c));
  });
  useEvent('participant.added', (e) => {
    if (inThis(e)) api.conversation(conversationId).then(setConversation, () => {});
  });
  // After a reconnect, fetch what the socket missed. When the first connection opens after the
  // load (a cold load now often has its page first), the client's resume replays what came since
  // the seqs the load saw, so there is nothing to fetch, unless the load saw none.
  const connection = useRef('');
  useEvent('connection', (e) => {
    const reconnected = connection.current === 'reconnecting';
    connection.current = e.state;
    if (e.state !== 'open' || !loaded) return;
    if (!reconnected && resumable.current) return;
    api.messages(conversationId, { after: maxSeq.current, limit: 200 }).then((page) => {
      if (page.messages.length === 0) return;
      setEntries((list) => mergeEntries(list, page.messages.map(messageEntry)));
      maxSeq.current = highestSeq(page.messages.map(messageEntry), maxSeq.current);
      flushRead();
    }, () => {});
  });

  // "X is typing…" fades out on its own.
  useEffect(() => {
    const times = Object.values(typing);
    if (times.length === 0) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, until]) => until > now)));
    }, Math.max(0, Math.min(...times) - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typing]);

  const onTyping = () => {
    const now = Date.now();
    if (now - lastTypingSent.current < typingEveryMs) return;
    lastTypingSent.current = now;
    api.typing(conversationId);
  };

  const scroll = useStickyScroll([entries, pending, loaded], loaded);
  /** An element of this view by id: in the page, or in the shadow root a web component shows it in. */
  const byId = (id: string) => ((scroll.scroller.current?.getRootNode() ?? document) as Document | ShadowRoot).getElementById(id);

  // On a phone the list gave way to the conversation: start reading at its title.
  useEffect(() => {
    if (loaded && window.matchMedia('(max-width: 700px)').matches) byId('conversation-title')?.focus();
  }, [loaded]);

  // A message chosen in search results is brought into view once loaded.
  useEffect(() => {
    if (!loaded || !focusRequest) return;
    const target = byId(`m-${focusRequest}`);
    if (!target) return;
    scroll.release();
    target.scrollIntoView({ block: 'center' });
    setHighlight(focusRequest);
    focusRequest = null;
  }, [loaded, entries]);

  const loadOlder = useCallback(async () => {
    if (!older || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      let incoming: Entry[];
      let next: Older;
      if ('cursor' in older) {
        const page = await api.timeline(conversationId, { before: older.cursor, limit: pageSize });
        incoming = page.items.map(timelineEntry);
        next = page.olderCursor ? { cursor: page.olderCursor } : null;
      } else {
        const page = await api.messages(conversationId, { before: older.before, limit: pageSize });
        incoming = page.messages.map(messageEntry);
        next = page.hasMore && page.messages[0] ? { before: page.messages[0].seq } : null;
      }
      scroll.keepPlace();
      setEntries((list) => mergeEntries(list, incoming));
      setOlder(next);
    } catch (e) {
      setOlderError(e as Error);
    } finally {
      setLoadingOlder(false);
    }
  }, [api, conversationId, older, loadingOlder]);

  // Scrolling up to the "Load earlier" button loads them.
  const earlier = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = earlier.current;
    if (!button || !scroll.scroller.current || olderError) return;
    const observer = new IntersectionObserver((seen) => seen.some((s) => s.isIntersecting) && void loadOlder(), { root: scroll.scroller.current });
    observer.observe(button);
    return () => observer.disconnect();
  }, [loadOlder, olderError, loaded]);

  const send = (message: OutgoingMessage, clientMessageId = newClientMessageId()) => {
    scroll.stick();
    setPending((list) => [...list.filter((p) => p.clientMessageId !== clientMessageId), { clientMessageId, message, state: 'sending' }]);
    api.send(conversationId, message, clientMessageId).then(
      (m) => {
        setPending((list) => list.filter((p) => p.clientMessageId !== clientMessageId));
        setEntries((list) => mergeEntries(list, [messageEntry(m)]));
        if (m.seq > maxSeq.current) maxSeq.current = m.seq;
        const templateId = message.metadata?.templateId;
        if (typeof templateId === 'string') replies.countUse(templateId);
      },
      (e: Error) =>
        setPending((list) => list.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state: 'failed', error: e.message } : p))),
    );
  };

  // The same functions on every render, so that the timeline renders only when what it shows changed.
  const sendRef = useRef(send);
  sendRef.current = send;
  const onRetry = useCallback((p: Pending) => sendRef.current(p.message, p.clientMessageId), []);
  const onDiscard = useCallback((p: Pending) => setPending((list) => list.filter((x) => x.clientMessageId !== p.clientMessageId)), []);
  /** My edit or deletion, as stored: shown at once (the event that follows changes nothing). */
  const onChanged = useCallback((m: Message) => setEntries((list) => mergeEntries(list, [messageEntry(m)])), []);

  if (loadError) {
    return (
      <section class="conversation conversation-empty">
        <Link href="/" class="back-link">
          <span aria-hidden="true">← </span>
          {t('conversation.back')}
        </Link>
        <h2>{t('conversation.failed')}</h2>
        <ErrorNote error={loadError} />
      </section>
    );
  }
  if (!conversation) {
    return (
      <section class="conversation conversation-empty">
        <Loading what={t('conversation.loading')} />
      </section>
    );
  }

  const typingNames = Object.keys(typing).map((u) => nameOf(u, conversation, me));
  const dispute = disputes?.[0] ?? order?.dispute ?? null;
  const participant = myRole !== undefined;
  const canEscalate = isOrder && disputes !== null && (myRole === 'buyer' || myRole === 'seller') && !(dispute && disputeUnresolved(dispute.status));
  const buyer = conversation.participants.find((p) => p.role === 'buyer');
  const recipients = conversation.participants.filter((p) => p.userId !== me && p.role !== 'system').map((p) => nameOf(p.userId, conversation, me));

  return (
    <section class={`conversation${isSeller && panelOpen ? ' with-panel' : ''}`} aria-labelledby="conversation-title">
      <ConversationHeader conversation={conversation} me={me} order={order} dispute={dispute}>
        {canEscalate && !escalating ? (
          <button type="button" class="secondary" onClick={() => setEscalating(true)}>
            {t('dispute.title')}
          </button>
        ) : null}
      </ConversationHeader>
      {escalating ? (
        <EscalateForm
          api={api}
          conversationId={conversationId}
          onCancel={() => setEscalating(false)}
          onDone={() => {
            setEscalating(false);
            refreshOrder();
          }}
        />
      ) : null}
      <div class="conversation-body">
        <div class="conversation-main">
          <div class="timeline-scroller" ref={scroll.scroller} onScroll={scroll.onScroll} tabIndex={0} role="region" aria-label={t('conversation.messages')}>
            {older ? (
              <div class="load-earlier">
                <button type="button" class="link-button" ref={earlier} onClick={() => void loadOlder()} disabled={loadingOlder}>
                  {loadingOlder ? t('conversation.loadingEarlier') : t('conversation.loadEarlier')}
                </button>
                <ErrorNote error={olderError} />
              </div>
            ) : (
              <p class="timeline-start muted small">{entries.length ? t('conversation.start') : t('conversation.empty')}</p>
            )}
            <Timeline
              entries={entries}
              pending={pending}
              conversation={conversation}
              me={me}
              api={api}
              highlight={highlight}
              onRetry={onRetry}
              onDiscard={onDiscard}
              onChanged={onChanged}
            />
          </div>
          <p class="typing-indicator" aria-live="polite">
            {typingNames.length ? t('conversation.typing', { count: typingNames.length, names: typingNames.join(', ') }) : ''}
          </p>
          {participant ? (
            <Composer
              control={composer}
              api={api}
              conversationId={conversationId}
              recipients={recipients.join(', ') || t('conversation.this')}
              templates={isSeller ? replies.templates : null}
              onSend={send}
              onTyping={onTyping}
              tools={
                isSeller ? (
                  <button type="button" class="secondary" aria-expanded={panelOpen} aria-controls="quick-replies" onClick={() => setPanelOpen(!panelOpen)}>
                    {t('conversation.quickReplies')}
                  </button>
                ) : null
              }
            />
          ) : (
            <p class="muted composer-note">{t('conversation.notTakingPart')}</p>
          )}
        </div>
        {isSeller && panelOpen ? (
          <div id="quick-replies" class="quick-replies-column">
            <QuickReplyPanel replies={replies} composer={composer} buyerName={buyer ? nameOf(buyer.userId, conversation, me) : 'the buyer'} />
          </div>
        ) : null}
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}
