import { Component, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Time } from '../ui.tsx';
import { t } from '../i18n.ts';
import type { AttachmentRef, ChatApi, Conversation, Message, OrderEvent, OutgoingMessage } from './api.ts';
import { type Entry, orderMessageTypes, receiptOf } from './entries.ts';
import { fileSize, nameOf, playingTime } from './format.ts';
import { OrderCard, updateFromEvent, updateFromMessage } from './order-card.tsx';
import { RatingCard } from './rating-card.tsx';

/** A message on its way: shown until the server has it; a failed one offers Retry. */
export interface Pending {
  clientMessageId: string;
  message: OutgoingMessage;
  state: 'sending' | 'failed';
  error?: string;
}

function sameProps(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (!(k in y)) return false;
  for (const k in y) if (x[k] !== y[k]) return false;
  return true;
}

/**
 * A component that renders again only when one of its props changed (what preact/compat's
 * `memo` does, without the rest of compat): a new message then renders that message, not the
 * whole timeline.
 */
function pure<P extends object>(render: (props: P) => ComponentChildren) {
  return class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !sameProps(this.props, next);
    }
    override render(props: P): ComponentChildren {
      return render(props);
    }
  };
}

interface TimelineProps {
  entries: Entry[];
  pending: Pending[];
  conversation: Conversation;
  me: string;
  api: ChatApi;
  highlight: string | null;
  onRetry: (p: Pending) => void;
  onDiscard: (p: Pending) => void;
  /** An edit or a deletion of one of my messages was stored: the message as it now is. */
  onChanged: (m: Message) => void;
}

type ReceiptStatus = 'sent' | 'delivered' | 'read';

/**
 * The timeline. Each entry is a pure component given only what it shows (its message, the
 * sender's name, its receipt), so that a new message, a receipt or a presence change renders the
 * entries it changed and compares the others' props.
 */
export const Timeline = pure(function Timeline({ entries, pending, conversation, me, api, highlight, onRetry, onDiscard, onChanged }: TimelineProps) {
  // Times say "14:05" today and carry the date before: a new day renders every entry again.
  const day = new Date().toDateString();
  const names = new Map<string, string>();
  const name = (userId: string) => {
    let n = names.get(userId);
    if (n === undefined) names.set(userId, (n = nameOf(userId, conversation, me)));
    return n;
  };
  let previousSender: string | null = null;
  const editWindowMs = conversation.messageEditWindowSeconds * 1000;
  return (
    <ol class="timeline">
      {entries.map((entry) => {
        if (entry.kind === 'event') {
          previousSender = null;
          return <EventItem key={entry.key} id={entry.key} event={entry.event} day={day} />;
        }
        const m = entry.message;
        const showName = m.senderId !== previousSender;
        previousSender = m.senderId;
        const mine = m.senderId === me;
        let receipt: ReceiptStatus | null = null;
        let readBy: string | undefined;
        // Receipts show on my own messages, not on deleted ones or the system's and the order cards.
        if (mine && m.status !== 'deleted' && !m.isSystem && !orderMessageTypes.has(m.messageType)) {
          const r = receiptOf(m, conversation.participants);
          receipt = r.status;
          const who = r.readBy.map(name).join(', ');
          readBy = r.status === 'read' && who ? t('timeline.readBy', { who }) : undefined;
        }
        return (
          <MessageItem
            key={entry.key}
            message={m}
            api={api}
            mine={mine}
            sender={name(m.senderId)}
            showName={showName}
            highlighted={highlight === m.messageId}
            receipt={receipt}
            readBy={readBy}
            day={day}
            editableUntil={mine && m.status !== 'deleted' && !m.isSystem && !m.isAutomated ? Date.parse(m.timestamp) + editWindowMs : 0}
            onChanged={onChanged}
          />
        );
      })}
      {pending.map((p) => (
        <li key={p.clientMessageId} class={`timeline-item mine pending ${p.state}`}>
          <div class="bubble">
            {p.message.content ? <p class="message-text">{p.message.content}</p> : null}
            {p.message.attachments?.length ? (
              <p class="small">
                {t('timeline.files', { count: p.message.attachments.length })}
              </p>
            ) : null}
          </div>
          {p.state === 'sending' ? (
            <p class="message-meta">{t('timeline.sending')}</p>
          ) : (
            <div class="send-failed" role="alert">
              <p class="error">{t('timeline.notSent', { error: p.error })}</p>
              <button type="button" class="secondary small-button" onClick={() => onRetry(p)}>
                {t('timeline.retry')}
              </button>
              <button type="button" class="link-button" onClick={() => onDiscard(p)}>
                {t('timeline.discard')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
});

function SystemMark({ label, at }: { label: string; at: string }) {
  return (
    <p class="system-mark">
      <span class="system-label">{label}</span> <Time iso={at} />
    </p>
  );
}

const EventItem = pure(function EventItem({ id, event }: { id: string; event: OrderEvent; day: string }) {
  return (
    <li class="timeline-item system" id={`m-${id}`}>
      <SystemMark label={t('chat.system')} at={event.occurredAt} />
      <OrderCard update={updateFromEvent(event)} />
    </li>
  );
});

interface MessageItemProps {
  message: Message;
  api: ChatApi;
  mine: boolean;
  /** The sender's name as the reader knows them ("You" for their own). */
  sender: string;
  showName: boolean;
  highlighted: boolean;
  /** My message's receipt, and who read it; null for others' messages and deleted ones. */
  receipt: ReceiptStatus | null;
  readBy: string | undefined;
  /** The day the times are shown on (see Timeline). */
  day: string;
  /** Until when (ms since the epoch) I may edit or delete this message; 0: never. */
  editableUntil: number;
  onChanged: (m: Message) => void;
}

const MessageItem = pure(function MessageItem({ message: m, api, mine, sender, showName, highlighted, receipt, readBy, editableUntil, onChanged }: MessageItemProps) {
  const update = updateFromMessage(m);
  const id = `m-${m.messageId}`;
  const editable = useOpenUntil(editableUntil);
  const [editing, setEditing] = useState(false);
  if (m.isSystem || update) {
    return (
      <li class={`timeline-item system${highlighted ? ' highlighted' : ''}`} id={id}>
        <SystemMark label={m.isSystem ? t('chat.system') : t('timeline.automatedBy', { sender })} at={m.timestamp} />
        {m.messageType === 'rating_request' ? <RatingCard message={m} /> : update ? <OrderCard update={update} /> : <div class="order-card">{m.content ? <p class="message-text">{m.content}</p> : null}</div>}
      </li>
    );
  }
  const deleted = m.status === 'deleted';
  return (
    <li class={`timeline-item ${mine ? 'mine' : 'theirs'}${highlighted ? ' highlighted' : ''}`} id={id}>
      {mine ? <span class="visually-hidden">{t('timeline.you')}</span> : showName ? <p class="sender">{sender}</p> : <span class="visually-hidden">{sender}:</span>}
      <div class="bubble">
        {m.isAutomated ? <p class="automated-label">{t('timeline.automated')}</p> : null}
        {m.messageType === 'product_inquiry' ? <p class="automated-label">{t('timeline.productQuestion')}</p> : null}
        {deleted ? (
          <p class="message-text deleted">{t('timeline.deleted')}</p>
        ) : editing ? (
          <EditForm message={m} api={api} onDone={(changed) => (changed && onChanged(changed), setEditing(false))} />
        ) : m.content ? (
          <p class="message-text">{m.content}</p>
        ) : null}
        {m.attachments.length ? (
          <ul class="attachments">
            {m.attachments.map((a) => (
              <li key={a.attachmentId}>
                <AttachmentView attachment={a} api={api} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {m.masked ? (
        <p class="masked-note" title={t('timeline.maskedWhy')}>
          {t('timeline.masked')}
        </p>
      ) : null}
      <p class="message-meta">
        <Time iso={m.timestamp} />
        {m.metadata?.via === 'email' ? <span class="by-email" title={t('timeline.byEmailTitle')}> · {t('timeline.byEmail')}</span> : null}
        {m.editedAt ? ' · edited' : ''}
        {receipt ? <Receipt status={receipt} title={readBy} /> : null}
      </p>
      {editable && !editing ? <OwnMessageActions message={m} api={api} onChanged={onChanged} onEdit={() => setEditing(true)} /> : null}
    </li>
  );
});

/** True until `until` (ms since the epoch), then false: the component renders again when it passes. */
function useOpenUntil(until: number): boolean {
  const [open, setOpen] = useState(() => Date.now() < until);
  useEffect(() => {
    const left = until - Date.now();
    setOpen(left > 0);
    if (left <= 0) return;
    // Timers cap at about 24.8 days; an edit window is minutes.
    const timer = setTimeout(() => setOpen(false), Math.min(left, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [until]);
  return open;
}

/** Edit and Delete under my own message while the edit window is open; Delete asks first. */
function OwnMessageActions({ message: m, api, onChanged, onEdit }: { message: Message; api: ChatApi; onChanged: (m: Message) => void; onEdit: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.remove(m.conversationId, m.messageId));
    } catch (e) {
      setError(e);
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <div class="message-actions">
      {confirming ? (
        <>
          <span class="small">{t('timeline.confirmDelete')}</span>
          <button type="button" class="secondary small-button" disabled={busy} onClick={remove}>
            {t('timeline.delete')}
          </button>
          <button type="button" class="link-button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('timeline.keep')}
          </button>
        </>
      ) : (
        <>
          <button type="button" class="link-button" onClick={onEdit} aria-label={t('timeline.editLabel')}>
            {t('timeline.edit')}
          </button>
          <button type="button" class="link-button" onClick={() => setConfirming(true)} aria-label={t('timeline.deleteLabel')}>
            {t('timeline.delete')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

/** The text of my message in a box to change; Save stores it (the server says when the window closed). */
function EditForm({ message: m, api, onDone }: { message: Message; api: ChatApi; onDone: (changed: Message | null) => void }) {
  const [text, setText] = useState(m.content ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    if (text.trim() === (m.content ?? '').trim()) return onDone(null);
    setBusy(true);
    setError(null);
    try {
      onDone(await api.edit(m.conversationId, m.messageId, text));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form class="edit-form" onSubmit={save}>
      <label for={`edit-${m.messageId}`} class="visually-hidden">
        {t('timeline.editLabel')}
      </label>
      <textarea
        id={`edit-${m.messageId}`}
        value={text}
        rows={2}
        maxLength={10_000}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
      />
      <div class="edit-buttons">
        <button type="submit" class="small-button" disabled={busy || !text.trim()}>
          {t('timeline.save')}
        </button>
        <button type="button" class="link-button" disabled={busy} onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}


function Receipt({ status, title }: { status: ReceiptStatus; title: string | undefined }) {
  return (
    <span class={`receipt ${status}`} title={title}>
      {' · '}
      <span aria-hidden="true">{status === 'sent' ? '✓ ' : '✓✓ '}</span>
      {t(`timeline.receipt.${status}`)}
    </span>
  );
}

/**
 * An image shows inline, a video or voice message plays in place (each fetched with the user's
 * credentials); any other file is a download.
 */
function AttachmentView({ attachment: a, api }: { attachment: AttachmentRef; api: ChatApi }) {
  const inline = a.type === 'image' || a.type === 'video' || a.type === 'voice';
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!inline) return;
    let objectUrl: string | null = null;
    let live = true;
    api.attachment(a.attachmentId).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [a.attachmentId, inline]);

  const download = async () => {
    setError(null);
    try {
      const blob = await api.attachment(a.attachmentId);
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = a.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (url && (a.type === 'video' || a.type === 'voice')) {
    const kind = t(`chat.media.${a.type}`);
    const label = a.durationMs !== undefined ? t('timeline.mediaLabelTimed', { kind, time: playingTime(a.durationMs), fileName: a.fileName }) : t('timeline.mediaLabel', { kind, fileName: a.fileName });
    return (
      <figure class="attachment-media">
        {a.type === 'video' ? (
          <video src={url} controls preload="metadata" aria-label={label} class="attachment-video" />
        ) : (
          <audio src={url} controls preload="metadata" aria-label={label} class="attachment-audio" />
        )}
        <figcaption class="muted small">
          {kind}
          {a.durationMs !== undefined ? ` · ${playingTime(a.durationMs)}` : ''}
        </figcaption>
      </figure>
    );
  }
  if (a.type === 'image' && url) {
    return (
      <a href={url} target="_blank" rel="noopener" class="image-link">
        <img src={url} alt={a.fileName} class="attachment-image" />
      </a>
    );
  }
  return (
    <span class="attachment-file">
      {inline && !error ? (
        <span class="muted small">{t('timeline.loadingFile', { fileName: a.fileName })}</span>
      ) : (
        <button type="button" class="link-button" onClick={download}>
          {t('timeline.download', { fileName: a.fileName })} <span class="muted">({fileSize(a.size)})</span>
        </button>
      )}
      {error ? <span class="error small">{error}</span> : null}
    </span>
  );
}
