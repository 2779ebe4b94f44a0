import type { MessageType } from '../../messages/payloads.ts';
import { translate, type Locale } from '../../i18n/i18n.ts';
import type { Notice } from '../marketplace-notifier.ts';
import { LocalValue, type NoticeText } from '../notice-texts.ts';
import type { OrderEventType } from './order-state.ts';

/** What an order event says, as far as messages and notices need it. */
export interface OrderEventFacts {
  eventId: string;
  type: OrderEventType;
  orderId: string;
  buyerId: string;
  sellerId: string;
  buyerName?: string;
  sellerName?: string;
  total?: number;
  currency?: string;
  itemCount?: number;
  payment?: { amount: number; currency: string; paymentId?: string };
  shipment?: { carrier: string; trackingNumber: string; trackingUrl?: string };
  refund?: { amount?: number; currency?: string; reason?: string };
  cancellation?: { reason?: string };
  dispute?: { reason: string };
  disputeId?: string;
  note?: string;
}

export const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/**
 * The typed system message an event posts into the order's conversation. It is stored once for
 * everyone in it, so it is written in the marketplace's default locale (PARLEY_DEFAULT_LOCALE).
 */
export function systemMessageFor(e: OrderEventFacts, locale: Locale = 'en'): { messageType: MessageType; content: string; payload: Record<string, unknown> } {
  const t = (key: string, values: Record<string, unknown> = {}) => translate(locale, `system:order.${key}`, { orderId: e.orderId, ...values });
  const status = (status: string, content: string) => ({
    messageType: 'order_status' as const,
    content,
    payload: { orderId: e.orderId, status, ...(e.note ? { note: e.note } : {}) },
  });
  switch (e.type) {
    case 'placed':
      return status('placed', e.total !== undefined && e.currency ? t('placedTotal', { total: money(e.total, e.currency) }) : t('placed'));
    case 'paid': {
      const p = e.payment!;
      return {
        messageType: 'payment_confirmation',
        content: t('paid', { amount: money(p.amount, p.currency) }),
        payload: { orderId: e.orderId, amount: p.amount, currency: p.currency, ...(p.paymentId ? { paymentId: p.paymentId } : {}) },
      };
    }
    case 'shipped': {
      const s = e.shipment!;
      return {
        messageType: 'tracking',
        content: t('shipped', { carrier: s.carrier, trackingNumber: s.trackingNumber }),
        payload: { orderId: e.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}) },
      };
    }
    case 'delivered':
      return status('delivered', t('delivered'));
    case 'cancelled':
      return status('cancelled', e.cancellation?.reason ? t('cancelledReason', { reason: e.cancellation.reason }) : t('cancelled'));
    case 'refunded': {
      const r = e.refund;
      const amount = r?.amount !== undefined && r.currency ? money(r.amount, r.currency) : undefined;
      const key = `refunded${amount ? 'Amount' : ''}${r?.reason ? 'Reason' : ''}` as 'refunded' | 'refundedAmount' | 'refundedReason' | 'refundedAmountReason';
      return status('refunded', t(key, { amount, reason: r?.reason }));
    }
    case 'dispute_opened':
      return {
        messageType: 'dispute_escalation',
        content: t('disputeOpened', { reason: e.dispute!.reason }),
        payload: { reason: e.dispute!.reason, orderId: e.orderId, ...(e.disputeId ? { disputeId: e.disputeId } : {}) },
      };
  }
}

/**
 * What the buyer and the seller are told of an event, through their notification preferences,
 * each in their own locale: the `notices` catalogue's `order.<event>.<buyer|seller>` texts, or an
 * operator's notification template `parley.order.<event>.<buyer|seller>` (see notice-texts.ts).
 */
export function noticesFor(e: OrderEventFacts): Notice[] {
  const buyer = e.buyerName ?? new LocalValue('someone.buyer');
  const seller = e.sellerName ?? new LocalValue('someone.seller');
  const Buyer = e.buyerName ? capitalised(e.buyerName) : new LocalValue('someone.buyer', {}, true);
  const action = { type: 'viewOrder' as const };
  const about = { orderId: e.orderId };
  const total = e.total !== undefined && e.currency ? money(e.total, e.currency) : null;
  const base = { orderId: e.orderId, buyer, seller, Buyer, total };
  const event = e.type === 'dispute_opened' ? 'disputeOpened' : e.type;
  const text = (party: 'buyer' | 'seller', body: string, values: NoticeText['values'] = {}): NoticeText => ({
    template: `order.${event}.${party}`,
    title: `order.${event}.${party}.title`,
    body: `order.${event}.${party}.${body}`,
    values: { ...base, ...values },
  });
  const both = (buyerText: NoticeText, sellerText: NoticeText): Notice[] => [
    { userId: e.buyerId, key: `order-event:${e.eventId}:buyer`, text: buyerText, action, about },
    { userId: e.sellerId, key: `order-event:${e.eventId}:seller`, text: sellerText, action, about },
  ];
  switch (e.type) {
    case 'placed': {
      const items = e.itemCount ? new LocalValue('items', { count: e.itemCount }) : new LocalValue('anOrder');
      const body = total ? 'bodyTotal' : 'body';
      return both(text('buyer', body), text('seller', body, { items, itemCount: e.itemCount ?? null }));
    }
    case 'paid': {
      const amount = money(e.payment!.amount, e.payment!.currency);
      return both(text('buyer', 'body', { amount }), text('seller', 'body', { amount }));
    }
    case 'shipped': {
      const s = e.shipment!;
      const values = { carrier: s.carrier, trackingNumber: s.trackingNumber };
      const [buyerNotice, sellerNotice] = both(text('buyer', 'body', values), text('seller', 'body', values));
      // The buyer's push offers Confirm receipt and View order.
      return [{ ...buyerNotice!, interactive: 'parley.order-shipped' }, sellerNotice!];
    }
    case 'delivered':
      return both(text('buyer', 'body'), text('seller', 'body'));
    case 'cancelled': {
      // The marketplace's reason, when it gave one, is the body as it was written.
      const reason = e.cancellation?.reason;
      return both(text('buyer', reason ? 'reason' : 'body', { reason: reason ?? null }), text('seller', reason ? 'reason' : 'body', { reason: reason ?? null }));
    }
    case 'refunded': {
      const r = e.refund;
      const amount = r?.amount !== undefined && r.currency ? money(r.amount, r.currency) : null;
      const body = amount ? 'bodyAmount' : 'body';
      return both(text('buyer', body, { amount }), text('seller', body, { amount }));
    }
    case 'dispute_opened':
      return both(text('buyer', 'body', { reason: e.dispute!.reason }), text('seller', 'body', { reason: e.dispute!.reason }));
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The buyer is asked for a review some days after delivery. */
export function reviewRequestNotice(orderId: string, buyerId: string, sendAt: Date | undefined): Notice {
  return {
    userId: buyerId,
    key: `review-request:${orderId}`,
    text: { template: 'order.reviewRequest', title: 'order.reviewRequest.title', body: 'order.reviewRequest.body', values: { orderId } },
    action: { type: 'viewOrder' },
    about: { orderId },
    ...(sendAt ? { sendAt } : {}),
  };
}
