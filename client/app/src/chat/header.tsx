import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote, Link } from '../ui.tsx';
import type { ChatApi, Conversation, Dispute, OrderConversation } from './api.ts';
import { conversationTitle, disputeStatusLabel, disputeUnresolved, kindLabel, money, nameOf, orderStatusLabel, statusTone } from './format.ts';
import { t } from '../i18n.ts';

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
        <span aria-hidden="true">← </span>
        {t('conversation.back')}
      </Link>
      <div class="conversation-heading">
        <h2 id="conversation-title" tabIndex={-1}>
          {conversationTitle(c, me)}
        </h2>
        <p class="conversation-facts">
          <span class="pill">{kindLabel(c.conversationType)}</span>
          {o ? (
            <span class={`pill ${statusTone(o.status)}`}>
              <span class="visually-hidden">{t('conversation.status')} </span>
              {orderStatusLabel(o.status)}
            </span>
          ) : null}
          {dispute ? <span class={`pill ${disputeUnresolved(dispute.status) ? 'danger' : ''}`}>{disputeStatusLabel(dispute.status)}</span> : null}
          {total ? <span>{c.conversationType === 'order' ? t('conversation.total') : t('conversation.price')} {total}</span> : null}
          {o?.trackingNumber ? (
            <span>
              {o.carrier ?? t('conversation.tracking')}{' '}
              {o.trackingUrl ? (
                <a href={o.trackingUrl} target="_blank" rel="noopener noreferrer" class="mono">
                  {o.trackingNumber}
                  <span class="visually-hidden"> {t('conversation.trackParcel')}</span>
                </a>
              ) : (
                <span class="mono">{o.trackingNumber}</span>
              )}
            </span>
          ) : null}
          {typeof meta.productUrl === 'string' && /^https?:\/\//.test(meta.productUrl) ? (
            <a href={meta.productUrl} target="_blank" rel="noopener noreferrer">
              {t('conversation.viewProduct')}
              <span class="visually-hidden"> {t('conversation.newTab')}</span>
            </a>
          ) : null}
        </p>
        <ul class="participants" aria-label={t('conversation.participants')}>
          {people.map((p) => (
            <li key={p.userId}>
              <span class={`presence-dot${p.online ? ' online' : ''}`} aria-hidden="true" />
              {nameOf(p.userId, c, me)} <span class="role">{t(`roles.${p.role}`, { defaultValue: p.role })}</span>
              <span class={p.online ? 'online-text' : 'visually-hidden'}>{` ${p.online ? t('conversation.online') : t('conversation.offline')}`}</span>
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
    if (!reason.trim()) return setError(new Error(t('dispute.reasonNeeded')));
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
      <h3 id="escalate-title">{t('dispute.title')}</h3>
      <p class="muted small">{t('dispute.explain')}</p>
      <label for="escalate-reason">{t('dispute.reason')}</label>
      <textarea id="escalate-reason" ref={field} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={2000} />
      <ErrorNote error={error} />
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('dispute.opening') : t('dispute.open')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
