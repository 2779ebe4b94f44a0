import type { Message, OrderEvent } from './api.ts';
import { disputeStatusLabel, money, orderStatusLabel, statusTone } from './format.ts';
import { t } from '../i18n.ts';

/** What an order event, or the typed message it posted, says: one card per kind. */
export type OrderUpdate =
  | { type: 'status'; status: string; text?: string; note?: string; total?: string | null; items?: string[]; reason?: string }
  | { type: 'payment'; amount: string | null; paymentId?: string }
  | { type: 'shipping'; carrier: string; trackingNumber: string; trackingUrl?: string }
  | { type: 'dispute'; reason: string }
  | { type: 'dispute_update'; status: string; note?: string };

/** The blocks of an order event's payload the cards show (see the order events API). */
interface EventData {
  order?: { total?: number; currency?: string; items?: { title?: string; quantity?: number }[] };
  payment?: { amount?: number; currency?: string; paymentId?: string };
  shipment?: { carrier?: string; trackingNumber?: string; trackingUrl?: string };
  refund?: { amount?: number; currency?: string; reason?: string };
  cancellation?: { reason?: string };
  dispute?: { reason?: string };
  note?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function updateFromEvent(event: OrderEvent): OrderUpdate {
  const d = (event.data ?? {}) as EventData;
  switch (event.type) {
    case 'paid':
      return { type: 'payment', amount: money(d.payment?.amount, d.payment?.currency), paymentId: str(d.payment?.paymentId) };
    case 'shipped':
      return { type: 'shipping', carrier: str(d.shipment?.carrier) ?? t('orderCard.carrier'), trackingNumber: str(d.shipment?.trackingNumber) ?? '', trackingUrl: str(d.shipment?.trackingUrl) };
    case 'dispute_opened':
      return { type: 'dispute', reason: str(d.dispute?.reason) ?? '' };
    case 'placed': {
      const items = d.order?.items?.map((i) => `${i.quantity && i.quantity > 1 ? `${i.quantity} × ` : ''}${i.title ?? t('orderCard.item')}`);
      return { type: 'status', status: 'placed', total: money(d.order?.total, d.order?.currency), items, note: str(d.note) };
    }
    case 'refunded':
      return { type: 'status', status: 'refunded', total: money(d.refund?.amount, d.refund?.currency), reason: str(d.refund?.reason), note: str(d.note) };
    case 'cancelled':
      return { type: 'status', status: 'cancelled', reason: str(d.cancellation?.reason), note: str(d.note) };
    default:
      return { type: 'status', status: event.type, note: str(d.note) };
  }
}

/** The card of a typed message (the types of `orderMessageTypes`); null for any other message. */
export function updateFromMessage(message: Message): OrderUpdate | null {
  const p = message.payload ?? {};
  switch (message.messageType) {
    case 'order_status':
      return { type: 'status', status: str(p.status) ?? 'updated', text: message.content ?? undefined, note: str(p.note) };
    case 'payment_confirmation':
      return { type: 'payment', amount: money(p.amount, p.currency), paymentId: str(p.paymentId) };
    case 'tracking':
      return { type: 'shipping', carrier: str(p.carrier) ?? t('orderCard.carrier'), trackingNumber: str(p.trackingNumber) ?? '', trackingUrl: str(p.trackingUrl) };
    case 'dispute_escalation':
      return { type: 'dispute', reason: str(p.reason) ?? message.content ?? '' };
    case 'dispute_update':
      return { type: 'dispute_update', status: str(p.status) ?? 'open', note: str(p.note) };
    default:
      return null;
  }
}

/** A typed order card: status, payment, shipping with its tracking link, or a dispute step. */
export function OrderCard({ update }: { update: OrderUpdate }) {
  switch (update.type) {
    case 'payment':
      return (
        <div class="order-card payment">
          <p class="order-card-title">{t('chat.type.payment_confirmation')}</p>
          {update.amount ? <p class="order-card-figure">{update.amount}</p> : null}
          {update.paymentId ? <p class="muted small">{t('orderCard.paymentReference', { paymentId: update.paymentId })}</p> : null}
        </div>
      );
    case 'shipping':
      return (
        <div class="order-card shipping">
          <p class="order-card-title">{t('orderCard.shippedWith', { carrier: update.carrier })}</p>
          <dl class="order-card-facts">
            <dt>{t('orderCard.carrier')}</dt>
            <dd>{update.carrier}</dd>
            <dt>{t('orderCard.trackingNumber')}</dt>
            <dd class="mono">{update.trackingNumber}</dd>
          </dl>
          {update.trackingUrl ? (
            <a href={update.trackingUrl} target="_blank" rel="noopener noreferrer" class="track-link">
              {t('orderCard.track')}
              <span class="visually-hidden"> {t('orderCard.trackHidden', { trackingNumber: update.trackingNumber, carrier: update.carrier })}</span>
            </a>
          ) : null}
        </div>
      );
    case 'dispute':
      return (
        <div class="order-card dispute">
          <p class="order-card-title">{t('chat.type.dispute_escalation')}</p>
          {update.reason ? <p>{t('orderCard.reason', { reason: update.reason })}</p> : null}
          <p class="muted small">{t('orderCard.moderator')}</p>
        </div>
      );
    case 'dispute_update':
      return (
        <div class="order-card dispute">
          <p class="order-card-title">{disputeStatusLabel(update.status)}</p>
          {update.note ? <p>{update.note}</p> : null}
        </div>
      );
    case 'status':
      return (
        <div class="order-card status">
          <p class="order-card-title">
            {t('orderCard.status')} <span class={`pill ${statusTone(update.status)}`}>{orderStatusLabel(update.status)}</span>
          </p>
          {update.text ? <p>{update.text}</p> : null}
          {update.items?.length ? <p>{update.items.join(', ')}</p> : null}
          {update.total ? <p>{t(update.status === 'refunded' ? 'orderCard.refund' : 'orderCard.total', { total: update.total })}</p> : null}
          {update.reason ? <p>{t('orderCard.reason', { reason: update.reason })}</p> : null}
          {update.note ? <p class="muted">{update.note}</p> : null}
        </div>
      );
  }
}
