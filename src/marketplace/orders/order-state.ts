/** The order lifecycle as Parley follows it from the marketplace's events. */

export const ORDER_EVENT_TYPES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'dispute_opened'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'disputed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How an order is fulfilled, as the marketplace says in its "placed" event. */
export const FULFILMENTS = ['delivery', 'local_pickup'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

/** What the rules look at: when each step happened (null: not yet). */
export interface OrderMilestones {
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  /** Set while a dispute is unresolved. */
  disputedAt: Date | null;
}

type Stamp = Date | string | null;

/** The milestones of a stored order (a marketplace_orders row, or its columns as JSON). */
export function milestonesOf(row: { paid_at: Stamp; shipped_at: Stamp; delivered_at: Stamp; cancelled_at: Stamp; refunded_at: Stamp; disputed_at: Stamp }): OrderMilestones {
  const d = (v: Stamp) => (v ? new Date(v) : null);
  return { paidAt: d(row.paid_at), shippedAt: d(row.shipped_at), deliveredAt: d(row.delivered_at), cancelledAt: d(row.cancelled_at), refundedAt: d(row.refunded_at), disputedAt: d(row.disputed_at) };
}

/** Why an event cannot happen now; `early` when it may fit once earlier events arrive (it came out of order). */
export interface Refusal {
  reason: string;
  early: boolean;
}

/**
 * Why an event cannot happen to an order in its current state, or null when it can.
 * `milestones` is undefined for an order Parley has not seen placed.
 */
export function refusal(orderId: string, type: OrderEventType, milestones: OrderMilestones | undefined): Refusal | null {
  const no = (reason: string) => ({ reason, early: false });
  const notYet = (reason: string) => ({ reason, early: true });
  if (type === 'placed') return milestones ? no(`Order ${orderId} was already placed.`) : null;
  if (!milestones) return notYet(`Order ${orderId} is unknown here: send its "placed" event first.`);
  const m = milestones;
  const ended = m.refundedAt ? 'was refunded' : m.cancelledAt ? 'was cancelled' : null;
  switch (type) {
    case 'paid':
      if (m.paidAt) return no(`Order ${orderId} was already paid.`);
      if (ended) return no(`Order ${orderId} ${ended}; it cannot be paid now.`);
      return null;
    case 'shipped':
      if (m.shippedAt) return no(`Order ${orderId} was already shipped; send tracking changes as a message instead.`);
      if (ended) return no(`Order ${orderId} ${ended}; it cannot ship now.`);
      if (!m.paidAt) return notYet(`Order ${orderId} cannot ship before it is paid.`);
      return null;
    case 'delivered':
      if (m.deliveredAt) return no(`Order ${orderId} was already delivered.`);
      if (ended) return no(`Order ${orderId} ${ended}; it cannot be delivered now.`);
      if (!m.shippedAt) return notYet(`Order ${orderId} cannot be delivered before it is shipped.`);
      return null;
    case 'cancelled':
      if (ended) return no(`Order ${orderId} ${ended} already.`);
      if (m.shippedAt) return no(`Order ${orderId} has shipped and cannot be cancelled; refund it instead.`);
      return null;
    case 'refunded':
      if (m.refundedAt) return no(`Order ${orderId} was already refunded.`);
      if (!m.paidAt) return notYet(`Order ${orderId} was never paid, so it cannot be refunded; cancel it instead.`);
      return null;
    case 'dispute_opened':
      if (ended) return no(`Order ${orderId} ${ended}; there is nothing left to dispute.`);
      if (!m.paidAt) return notYet(`Order ${orderId} is not paid yet; cancel it instead of disputing it.`);
      if (m.disputedAt) return no(`Order ${orderId} has an unresolved dispute already.`);
      return null;
  }
}

/** The milestones after an event that `refusal` allowed. */
export function applyEvent(type: OrderEventType, milestones: OrderMilestones | undefined, at: Date): OrderMilestones {
  const m: OrderMilestones = milestones
    ? { ...milestones }
    : { paidAt: null, shippedAt: null, deliveredAt: null, cancelledAt: null, refundedAt: null, disputedAt: null };
  switch (type) {
    case 'paid':
      m.paidAt = at;
      break;
    case 'shipped':
      m.shippedAt = at;
      break;
    case 'delivered':
      m.deliveredAt = at;
      break;
    case 'cancelled':
      m.cancelledAt = at;
      break;
    case 'refunded':
      m.refundedAt = at;
      m.disputedAt = null; // a refund settles the dispute
      break;
    case 'dispute_opened':
      m.disputedAt = at;
      break;
  }
  return m;
}

/** The status shown for an order: the furthest step it reached, an unresolved dispute over it. */
export function statusOf(m: OrderMilestones): OrderStatus {
  if (m.refundedAt) return 'refunded';
  if (m.cancelledAt) return 'cancelled';
  if (m.disputedAt) return 'disputed';
  if (m.deliveredAt) return 'delivered';
  if (m.shippedAt) return 'shipped';
  if (m.paidAt) return 'paid';
  return 'placed';
}
