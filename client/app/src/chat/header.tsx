import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote, Link } from '../ui.tsx';
import type { ChatApi, Conversation, Dispute, OrderConversation } from './api.ts';
import { conversationTitle, disputeStatusLabel, disputeUnresolved, kindLabels, money, nameOf, orderStatusLabel, statusTone } from './format.ts';

/** The order's row in "my orders": its state, tracking and dispute. */
export async function findOrder(api: ChatApi, conversationId: string, orderId: string): Promise<OrderConversation | null> {
  const answer = await api.orderOf(orderId);
  return answer.conversations.find((c) => c.conversationId === conversationId) ?? null;
}

interface HeaderProps {
  conversation: Conversation;
  me: string;
  order: OrderConversation | null;
  dispute: Dispute | null;
  children?: ComponentChildren;
}

export function ConversationHeader({ conversation: c, me, order, dispute, children }: HeaderProps) {
  const meta = c.contextMetadata;
  const o = order?.order ?? null;
  const total = o ? money(o.total, o.currency) : money(meta.orderTotal ?? meta.price, meta.currency);
  const people = c.participants.filter((p) => p.userId !== me && p.role !== 'system');
  return (
    <header class="conversation-header">
      <Link href="/" class="back-link">
        <span aria-hidden="true">← </span>Back to inbox
      </Link>
      <div class="conversation-heading">
        <h2 id="conversation-title" tabIndex={-1}>
          {conversationTitle(c, me)}
        </h2>
        <p class="conversation-facts">
          <span class="pill">{kindLabels[c.conversationType] ?? 'Chat'}</span>
          {o ? (
            <span class={`pill ${statusTone(o.status)}`}>
              <span class="visually-hidden">Status: </span>
              {orderStatusLabel(o.status)}
            </span>
          ) : null}
          {dispute ? <span class={`pill ${disputeUnresolved(dispute.status) ? 'danger' : ''}`}>{disputeStatusLabel(dispute.status)}</span> : null}
          {total ? <span>{c.conversationType === 'order' ? 'Total' : 'Price'} {total}</span> : null}
          {o?.trackingNumber ? (
            <span>
              {o.carrier ?? 'Tracking'}{' '}
              {o.trackingUrl ? (
                <a href={o.trackingUrl} target="_blank" rel="noopener noreferrer" class="mono">
                  {o.trackingNumber}
                  <span class="visually-hidden"> (track the parcel, opens in a new tab)</span>
                </a>
              ) : (
                <span class="mono">{o.trackingNumber}</span>
              )}
            </span>
          ) : null}
          {typeof meta.productUrl === 'string' && /^https?:\/\//.test(meta.productUrl) ? (
            <a href={meta.productUrl} target="_blank" rel="noopener noreferrer">
              View the product<span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : null}
        </p>
        <ul class="participants" aria-label="Participants">
          {people.map((p) => (
            <li key={p.userId}>
              <span class={`presence-dot${p.online ? ' online' : ''}`} aria-hidden="true" />
              {nameOf(p.userId, c, me)} <span class="role">{p.role}</span>
              <span class={p.online ? 'online-text' : 'visually-hidden'}>{p.online ? ' online' : ' offline'}</span>
            </li>
          ))}
        </ul>
      </div>
      <div class="conversation-tools">{children}</div>
    </header>
  );
}

export function EscalateForm({ api, conversationId, onCancel, onDone }: { api: ChatApi; conversationId: string; onCancel: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) return setError(new Error('Say what went wrong, so the moderator can help.'));
    setBusy(true);
    setError(null);
    try {
      await api.escalate(conversationId, reason.trim());
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="escalate-form" onSubmit={submit} aria-labelledby="escalate-title">
      <h3 id="escalate-title">Open a dispute</h3>
      <p class="muted small">A moderator joins this conversation to help you and the other party agree.</p>
      <label for="escalate-reason">What went wrong?</label>
      <textarea id="escalate-reason" ref={field} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={2000} />
      <ErrorNote error={error} />
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Opening…' : 'Open dispute'}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
