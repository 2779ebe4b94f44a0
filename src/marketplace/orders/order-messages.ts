import type { MessageType } from '../../messages/payloads.ts';
import type { Notice } from '../marketplace-notifier.ts';
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

/** The typed system message an event posts into the order's conversation. */
export function systemMessageFor(e: OrderEventFacts): { messageType: MessageType; content: string; payload: Record<string, unknown> } {
  const status = (status: string, content: string) => ({
    messageType: 'order_status' as const,
    content,
    payload: { orderId: e.orderId, status, ...(e.note ? { note: e.note } : {}) },
  });
  switch (e.type) {
    case 'placed': {
      const total = e.total !== undefined && e.currency ? ` for ${money(e.total, e.currency)}` : '';
      return status('placed', `Order ${e.orderId} was placed${total}.`);
    }
    case 'paid': {
      const p = e.payment!;
      return {
        messageType: 'payment_confirmation',
        content: `Payment of ${money(p.amount, p.currency)} received for order ${e.orderId}.`,
        payload: { orderId: e.orderId, amount: p.amount, currency: p.currency, ...(p.paymentId ? { paymentId: p.paymentId } : {}) },
      };
    }
    case 'shipped': {
      const s = e.shipment!;
      return {
        messageType: 'tracking',
        content: `Order ${e.orderId} has shipped with ${s.carrier}, tracking number ${s.trackingNumber}.`,
        payload: { orderId: e.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}) },
      };
    }
    case 'delivered':
      return status('delivered', `Order ${e.orderId} was delivered.`);
    case 'cancelled':
      return status('cancelled', `Order ${e.orderId} was cancelled${e.cancellation?.reason ? `: ${e.cancellation.reason}` : '.'}`);
    case 'refunded': {
      const r = e.refund;
      const amount = r?.amount !== undefined && r.currency ? ` of ${money(r.amount, r.currency)}` : '';
      return status('refunded', `A refund${amount} was issued for order ${e.orderId}${r?.reason ? `: ${r.reason}` : '.'}`);
    }
    case 'dispute_opened':
      return {
        messageType: 'dispute_escalation',
        content: `A dispute was opened for order ${e.orderId}: ${e.dispute!.reason}. A moderator will look into it.`,
        payload: { reason: e.dispute!.reason, orderId: e.orderId, ...(e.disputeId ? { disputeId: e.disputeId } : {}) },
      };
  }
}

/** What the buyer and the seller are told of an event, through their notification preferences. */
export function noticesFor(e: OrderEventFacts): Notice[] {
  const buyer = e.buyerName ?? 'the buyer';
  const seller = e.sellerName ?? 'the seller';
  const action = { type: 'viewOrder' as const };
  const about = { orderId: e.orderId };
  const both = (buyerText: [string, string], sellerText: [string, string]): Notice[] => [
    { userId: e.buyerId, key: `order-event:${e.eventId}:buyer`, title: buyerText[0], body: buyerText[1], action, about },
    { userId: e.sellerId, key: `order-event:${e.eventId}:seller`, title: sellerText[0], body: sellerText[1], action, about },
  ];
  const id = e.orderId;
  switch (e.type) {
    case 'placed': {
      const total = e.total !== undefined && e.currency ? ` for ${money(e.total, e.currency)}` : '';
      const items = e.itemCount ? `${e.itemCount} item${e.itemCount === 1 ? '' : 's'}` : 'an order';
      return both([`Order ${id} placed`, `Thank you! Your order${total} is with ${seller}; you can message them in the order's conversation.`], [`New order ${id}`, `${capitalised(buyer)} ordered ${items}${total}.`]);
    }
    case 'paid': {
      const amount = money(e.payment!.amount, e.payment!.currency);
      return both([`Payment received`, `We received your payment of ${amount} for order ${id}.`], [`Order ${id} is paid`, `${amount} received: the order is ready to ship.`]);
    }
    case 'shipped': {
      const s = e.shipment!;
      const [buyerNotice, sellerNotice] = both([`Order ${id} has shipped`, `It is on its way with ${s.carrier}, tracking number ${s.trackingNumber}.`], [`Order ${id} shipped`, `Shipment with ${s.carrier} (${s.trackingNumber}) recorded.`]);
      // The buyer's push offers Confirm receipt and View order.
      return [{ ...buyerNotice!, interactive: 'parley.order-shipped' }, sellerNotice!];
    }
    case 'delivered':
      return both([`Order ${id} was delivered`, 'Your order arrived. Anything wrong? Message the seller in the order conversation.'], [`Order ${id} was delivered`, `${capitalised(buyer)} received the order.`]);
    case 'cancelled':
      return both([`Order ${id} was cancelled`, e.cancellation?.reason ?? 'Your order was cancelled.'], [`Order ${id} was cancelled`, e.cancellation?.reason ?? 'The order was cancelled.']);
    case 'refunded': {
      const r = e.refund;
      const refund = r?.amount !== undefined && r.currency ? `A refund of ${money(r.amount, r.currency)}` : 'A refund';
      return both([`Refund for order ${id}`, `${refund} was issued to you.`], [`Order ${id} was refunded`, `${refund} was issued to ${buyer}.`]);
    }
    case 'dispute_opened':
      return both([`Dispute opened for order ${id}`, 'A moderator will look into it and reply in the order conversation.'], [`Dispute opened for order ${id}`, `Reason: ${e.dispute!.reason}. Please reply in the order conversation.`]);
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The buyer is asked for a review some days after delivery. */
export function reviewRequestNotice(orderId: string, buyerId: string, sendAt: Date | undefined): Notice {
  return {
    userId: buyerId,
    key: `review-request:${orderId}`,
    title: 'How was your order?',
    body: `Order ${orderId} arrived a few days ago. Tell other buyers what you think: leave a review.`,
    action: { type: 'viewOrder' },
    about: { orderId },
    ...(sendAt ? { sendAt } : {}),
  };
}
